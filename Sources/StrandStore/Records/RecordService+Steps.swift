import Foundation
import SQLKit
import StrandCore

/// Where a record sits for data scopes: its owner and department.
public struct RecordPosition: Sendable, Equatable {
    public var owner: Int64?
    public var department: Int64?
}

extension RecordService {
    /// The record as the actor may change it: 404 when it cannot be seen, 403 when it can be
    /// seen but not changed by `action` (an edit share allows editing, nothing else).
    func editable(_ entity: EntityDefinition, id: Int64, action: Action, context: WriteContext,
                  db: any SQLDatabase) async throws -> Record {
        guard let current = try await RecordStore.find(entity, id: id, scope: context.actor.filter(.view, on: entity.key),
                                                        lockingOn: self.database.dialect, db: db) else {
            throw RecordError.notFound
        }
        guard try await RecordShares.reach(context.actor.filter(action, on: entity.key), entity, current, db: db) else {
            throw RecordError.forbidden
        }
        return current
    }

    /// The owner and department the record will have: chosen (an owned record), or taken from
    /// the parent (a contact from its customer).
    func position(_ entity: EntityDefinition, parsed: RecordInput.Parsed, current: Record?, context: WriteContext,
                  db: any SQLDatabase) async throws -> RecordPosition {
        var memo = StepMemo()
        return try await self.position(entity, parsed: parsed, current: current, context: context, memo: &memo, db: db)
    }

    func position(_ entity: EntityDefinition, parsed: RecordInput.Parsed, current: Record?, context: WriteContext,
                  memo: inout StepMemo, db: any SQLDatabase) async throws -> RecordPosition {
        switch entity.ownership {
        case .owned:
            let owner = parsed.owner ?? current?.ownerId ?? context.actor.userId
            if owner == current?.ownerId { return RecordPosition(owner: owner, department: current?.departmentId) }
            if current == nil && owner == context.actor.userId { return RecordPosition(owner: owner, department: context.actor.departmentId) }
            let found = if let known = memo.users[owner] { known } else { try await Directory.user(id: owner, db: db) }
            memo.users[owner] = found
            guard let user = found, user.active else {
                throw RecordError.invalid(ValidationFailure([RecordInput.ownerKey: FieldError("inactive_user")]))
            }
            return RecordPosition(owner: user.id, department: user.departmentId)
        case .inherited(let linkField):
            guard let parentKey = entity.field(linkField)?.linkTo, let parentEntity = self.catalog.entity(parentKey),
                  let parentId = (parsed.values[linkField] ?? current?[linkField])?.integerValue,
                  let parent = try await RecordStore.find(parentEntity, id: parentId,
                                                          scope: context.actor.filter(.view, on: parentKey), db: db) else {
                throw RecordError.invalid(ValidationFailure([linkField: FieldError("not_found")]))
            }
            return RecordPosition(owner: parent.ownerId, department: parent.departmentId)
        }
    }

    /// Moving a record to another owner needs the assign right over both places; moving an
    /// inherited record to another parent needs the edit right over the new place.
    func checkMove(_ entity: EntityDefinition, from current: Record, to position: RecordPosition,
                   context: WriteContext) throws {
        guard position.owner != current.ownerId || position.department != current.departmentId else { return }
        let action: Action = entity.ownership == .owned ? .assign : .edit
        let filter = context.actor.filter(action, on: entity.key)
        guard filter.allows(owner: current.ownerId, department: current.departmentId),
              filter.allows(owner: position.owner, department: position.department) else {
            throw RecordError.forbidden
        }
    }

    /// Records kept by their parent (a contract's instalments) are written through it only.
    static func checkDirectWrite(_ entity: EntityDefinition) throws {
        guard entity.managedByParent, let link = entity.ownerLinkField else { return }
        throw RecordError.invalid(ValidationFailure([link: FieldError("written_through_parent")]))
    }

    /// The entity's own rules between fields; their errors reject the write like a field's.
    static func applyRules(_ entity: EntityDefinition, to values: [String: FieldValue], before: [String: FieldValue]?, setup: SalesSetup,
                           prices: [Int64: ProductPrice]? = nil, timeZone: TimeZone) throws -> [String: FieldValue] {
        guard let rules = entity.rules else { return values }
        var result = values
        let errors = rules.apply(to: &result, before: before, context: RuleContext(setup: setup, now: Clock.millis(), prices: prices, timeZone: timeZone))
        guard errors.isEmpty else { throw RecordError.invalid(ValidationFailure(errors)) }
        return result
    }

    func cascadeOwnership(of entity: EntityDefinition, record: Record, db: any SQLDatabase) async throws {
        for child in self.catalog.children(of: entity.key) {
            try await RecordWriter.moveChildren(child, parentIds: [record.id], owner: record.ownerId,
                                                department: record.departmentId, dialect: self.database.dialect, db: db)
        }
    }

    func audit(_ action: AuditAction, _ entity: EntityDefinition, _ record: Record, changes: [String: AuditChange],
               context: WriteContext, db: any SQLDatabase) async throws {
        try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: context.actor.userId, ip: context.ip, action: action,
                                             entity: entity.key, recordId: record.id, recordVersion: record.version,
                                             changes: changes), db: db)
    }

    /// Several audit rows folded into one change per field, from the oldest value to the newest.
    static func merged(_ entries: [AuditEntry]) -> [String: AuditChange] {
        var result: [String: AuditChange] = [:]
        for entry in entries.reversed() {
            for (field, change) in entry.changes {
                // An older change's `from` stands, even when it is empty.
                let from = if let older = result[field] { older.from } else { change.from }
                result[field] = AuditChange(from: from, to: change.to)
            }
        }
        return result
    }

    /// What changed since `version`, one change per field.
    func changes(_ entity: EntityDefinition, id: Int64, since version: Int64, db: any SQLDatabase) async throws -> [String: AuditChange] {
        Self.merged(try await AuditLog.history(entity: entity.key, recordId: id, afterVersion: version, db: db))
    }

    /// The fields a colleague changed meanwhile that the writer changed too, to something else:
    /// theirs against the writer's, as the audit log keeps values.
    static func clashes(_ entity: EntityDefinition, _ parsed: RecordInput.Parsed, _ meanwhile: [String: AuditChange]) -> [String: AuditChange] {
        var clashes: [String: AuditChange] = [:]
        for (key, change) in meanwhile {
            guard let sent = self.sentText(entity, parsed, key) else { continue }
            if !self.same(entity, key, sent, change.from), !self.same(entity, key, sent, change.to) {
                clashes[key] = AuditChange(from: change.to, to: sent)
            }
        }
        return clashes
    }

    /// Drops from a save made on an old version what should keep the colleague's value: the
    /// fields the writer left as they were, and those where the writer chose theirs.
    static func keepTheirs(_ entity: EntityDefinition, _ parsed: inout RecordInput.Parsed, _ meanwhile: [String: AuditChange], choosing: Set<String>) {
        for (key, change) in meanwhile {
            guard let sent = self.sentText(entity, parsed, key), self.same(entity, key, sent, change.from) || choosing.contains(key) else { continue }
            if key == RecordInput.ownerKey { parsed.owner = nil } else { parsed.values[key] = nil }
        }
    }

    /// A sent value as the audit log keeps it: `.some(nil)` for a value cleared, nil when not sent.
    private static func sentText(_ entity: EntityDefinition, _ parsed: RecordInput.Parsed, _ key: String) -> String?? {
        if key == RecordInput.ownerKey { return parsed.owner.map { .some(String($0)) } }
        guard let field = entity.field(key), let value = parsed.values[key] else { return nil }
        return .some(field.auditText(value))
    }

    /// An unticked flag reads the same as one never set.
    private static func same(_ entity: EntityDefinition, _ key: String, _ one: String?, _ other: String?) -> Bool {
        guard entity.field(key)?.type == .bool else { return one == other }
        return (one ?? "false") == (other ?? "false")
    }
}

extension FieldDefinition {
    /// A value as the audit log keeps it: its stored text, except a document's lines, kept as
    /// what was chosen (code x quantity, discount) rather than the whole priced JSON, which the
    /// record and its revisions hold.
    func auditText(_ value: FieldValue) -> String? {
        guard self.type == .lines else { return value.auditText }
        let lines = LineItems.decode(value)
        return lines.isEmpty ? nil : LineItems.summary(lines)
    }
}

enum RecordDiff {
    static func changes(_ entity: EntityDefinition, from old: [String: FieldValue], to new: [String: FieldValue]) -> [String: AuditChange] {
        var changes: [String: AuditChange] = [:]
        for field in entity.fields {
            let before = old[field.key].flatMap(field.auditText), after = new[field.key].flatMap(field.auditText)
            if before != after { changes[field.key] = AuditChange(from: before, to: after) }
        }
        return changes
    }
}
