import Foundation
import SQLKit
import StrandCore

/// The life of a commercial document (`EntityDefinition.documentFlow`): numbered and in draft
/// when created, edited only while in draft, submitted for approval, moved by hand along its
/// flow, and revised (the earlier revision kept) once approved.
extension RecordService {
    /// A new document's number, first status and revision.
    func prepareDocument(_ entity: EntityDefinition, values: inout [String: FieldValue], context: WriteContext,
                         db: any SQLDatabase) async throws {
        guard let flow = entity.documentFlow else { return }
        values["status"] = .text(flow.initial)
        values["revision"] = .integer(1)
        let setup = try await CommerceSetupStore.load(db: db)
        let pattern = setup.numbering[entity.key] ?? CommerceSetup.standardNumbering[entity.key] ?? "\(entity.key.uppercased())-{####}"
        let today = DateTimeText.day(Clock.millis(), timeZone: context.timeZone)
        values["number"] = .text(try await DocumentNumbers.next(entity, pattern: pattern, day: today, db: db))
    }

    /// Only a draft's fields change; anything else needs a new revision first.
    static func checkEditable(_ entity: EntityDefinition, _ current: Record) throws {
        guard let flow = entity.documentFlow, let status = current["status"].textValue, !flow.editable.contains(status) else { return }
        throw RecordError.invalid(ValidationFailure(["status": FieldError("locked", ["status": status])]))
    }

    /// Submits a draft: through the first approval flow whose conditions it meets (a quotation
    /// discounting beyond its author's limit, a contract over an amount), else approved at once.
    public func submit(_ entity: EntityDefinition, id: Int64, context: WriteContext) async throws -> Record {
        guard entity.documentFlow?.approved == true else { throw RecordError.notFound }
        return try await self.database.write { db in
            let current = try await self.editable(entity, id: id, action: .edit, context: context, db: db)
            try Self.expect(current, status: DocumentFlow.draft)
            let setup = try await CommerceSetupStore.load(db: db)
            let limit = setup.discountLimit(roles: context.actor.roles.map(\.key), isAdmin: context.actor.isAdmin)
            let over = (current["max_discount"].integerValue ?? 0) > limit
            let now = Clock.millis()
            var status = DocumentFlow.approvedStatus
            if let flow = setup.flow(for: entity.key, values: current.values, overDiscountLimit: over) {
                let approval = try await Approvals.start(flow, entity: entity, record: current, revision: current["revision"].integerValue ?? 1,
                                                         requester: context.actor, now: now, db: db)
                if approval.state == .pending { status = DocumentFlow.pending }
            }
            return try await self.setStatus(entity, current, to: status, action: .submit, context: context, db: db)
        }
    }

    /// Moves a document along its flow by hand (a quotation sent, accepted; an order delivered).
    public func move(_ entity: EntityDefinition, id: Int64, to status: String, context: WriteContext) async throws -> Record {
        guard let flow = entity.documentFlow else { throw RecordError.notFound }
        return try await self.database.write { db in
            let current = try await self.editable(entity, id: id, action: .edit, context: context, db: db)
            guard flow.canMove(from: current["status"].textValue ?? "", to: status) else {
                throw RecordError.invalid(ValidationFailure(["status": FieldError("not_a_move")]))
            }
            var changed: [String: FieldValue] = ["status": .text(status)]
            if let day = flow.dated[status], current[day].isEmpty {
                changed[day] = .text(DateTimeText.day(Clock.millis(), timeZone: context.timeZone).description)
            }
            return try await self.setFields(entity, current, changed, action: .status, context: context, db: db)
        }
    }

    /// Starts a new revision of an approved (or later) document: the current one is kept as it
    /// is, and the document is a draft again, to be edited and submitted anew.
    public func revise(_ entity: EntityDefinition, id: Int64, context: WriteContext) async throws -> Record {
        guard let flow = entity.documentFlow else { throw RecordError.notFound }
        return try await self.database.write { db in
            let current = try await self.editable(entity, id: id, action: .edit, context: context, db: db)
            guard flow.revisable.contains(current["status"].textValue ?? "") else {
                throw RecordError.invalid(ValidationFailure(["status": FieldError("not_revisable")]))
            }
            try await Revisions.keep(entity, current, actor: context.actor.userId, db: db)
            let revision = (current["revision"].integerValue ?? 1) + 1
            return try await self.setFields(entity, current, ["status": .text(flow.initial), "revision": .integer(revision)],
                                             action: .revise, context: context, db: db)
        }
    }

    /// Makes a document from another (an order or a contract from an accepted quotation, a
    /// contract from an order): the fields they share are copied, lines exactly as they were,
    /// the new one points back at its source, and its days start today.
    public func derive(_ source: EntityDefinition, id: Int64, into target: EntityDefinition, context: WriteContext) async throws -> Record {
        guard let statuses = source.documentFlow?.derivable[target.key] else { throw RecordError.notFound }
        return try await self.database.write { db in
            guard let record = try await RecordStore.find(source, id: id, scope: context.actor.filter(.view, on: source.key), db: db) else {
                throw RecordError.notFound
            }
            guard statuses.contains(record["status"].textValue ?? "") else {
                throw RecordError.invalid(ValidationFailure(["status": FieldError("not_derivable")]))
            }
            var input: [String: InputValue] = [:], preset: [String: FieldValue] = [:]
            for field in target.fields where !["number", "revision", "status"].contains(field.key) {
                guard let theirs = source.field(field.key), theirs.type == field.type, let value = record.values[field.key], !value.isEmpty else { continue }
                if field.type == .lines { preset[field.key] = value } else if !field.maintained { input[field.key] = field.input(from: value) }
            }
            for link in target.fields where link.type == .link && link.linkTo == source.key { input[link.key] = .number(String(id)) }
            let today = DateTimeText.day(Clock.millis(), timeZone: context.timeZone).description
            for day in target.fields where day.type == .date && day.required && input[day.key] == nil { input[day.key] = .string(today) }
            return try await self.create(target, input: input, context: context, preset: preset, in: db).record
        }
    }

    static func expect(_ record: Record, status: String) throws {
        guard record["status"].textValue == status else {
            throw RecordError.invalid(ValidationFailure(["status": FieldError("not_in_status", ["status": status])]))
        }
    }

    func setStatus(_ entity: EntityDefinition, _ current: Record, to status: String, action: AuditAction, context: WriteContext,
                   db: any SQLDatabase) async throws -> Record {
        try await self.setFields(entity, current, ["status": .text(status)], action: action, context: context, db: db)
    }

    /// Changes maintained fields of a record (its status, revision), with their periods and audit row.
    func setFields(_ entity: EntityDefinition, _ current: Record, _ changed: [String: FieldValue], action: AuditAction,
                   context: WriteContext, db: any SQLDatabase) async throws -> Record {
        try await Self.setFields(entity, current, changed, action: action, actor: context.actor.userId, ip: context.ip, db: db)
    }

    /// The same for Strand itself (a quotation expiring overnight): no actor.
    static func setFields(_ entity: EntityDefinition, _ current: Record, _ changed: [String: FieldValue], action: AuditAction,
                          actor: Int64?, ip: String, db: any SQLDatabase) async throws -> Record {
        let values = current.values.merging(changed) { $1 }
        let record = try await RecordWriter.update(entity, current: current, values: values,
                                                   position: RecordPosition(owner: current.ownerId, department: current.departmentId),
                                                   actor: actor, db: db)
        try await ValuePeriods.record(entity, record, before: current, at: record.updatedAt, actor: actor, db: db)
        try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: actor, ip: ip, action: action, entity: entity.key, recordId: record.id,
                                             recordVersion: record.version, changes: RecordDiff.changes(entity, from: current.values, to: values)),
                                  db: db)
        return record
    }
}

/// Earlier revisions of documents, kept whole (every field's stored text) when a new one starts.
public enum Revisions {
    public struct Kept: Sendable, Equatable {
        public let revision: Int64
        public let values: [String: String]
        public let createdBy: Int64?
        public let createdAt: Int64
    }

    static func keep(_ entity: EntityDefinition, _ record: Record, actor: Int64, db: any SQLDatabase) async throws {
        let values = record.values.compactMapValues(\.auditText)
        let text = String(decoding: try JSONEncoder.sorted.encode(values), as: UTF8.self)
        try await db.raw("""
            INSERT INTO record_revisions (entity, record_id, revision, record_version, "values", created_by, created_at)
            VALUES (\(bind: entity.key), \(bind: record.id), \(bind: record["revision"].integerValue ?? 1), \(bind: record.version),
              \(bind: text), \(bind: actor), \(bind: Clock.millis()))
            """).run()
    }

    public static func list(_ entity: EntityDefinition, recordId: Int64, db: any SQLDatabase) async throws -> [Kept] {
        try await db.raw("""
            SELECT * FROM record_revisions WHERE entity = \(bind: entity.key) AND record_id = \(bind: recordId) ORDER BY revision DESC
            """).all().map { row in
            Kept(revision: try row.decode(column: "revision", as: Int64.self),
                 values: try JSONDecoder().decode([String: String].self, from: Data((try row.text("values") ?? "{}").utf8)),
                 createdBy: try row.integer("created_by"), createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }
}
