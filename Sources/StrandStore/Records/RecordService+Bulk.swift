import SQLKit
import StrandCore

/// Actions on many records at once from a list page or the API. Each is one transaction: a
/// record out of reach refuses the whole batch, and every record gets its audit row.
extension RecordService {
    public static let maxBatch = 500

    /// Gives the records to an active person; needs the assign right over where they are and
    /// where they go.
    public func transfer(_ entity: EntityDefinition, ids: [Int64], to userId: Int64, context: WriteContext) async throws {
        let ids = try Self.batch(ids)
        guard entity.ownership == .owned else { throw RecordError.forbidden }
        try await self.database.write { db in
            guard let user = try await Directory.user(id: userId, db: db), user.active else {
                throw RecordError.invalid(ValidationFailure([RecordInput.ownerKey: FieldError("inactive_user")]))
            }
            let target = RecordPosition(owner: user.id, department: user.departmentId)
            guard context.actor.filter(.assign, on: entity.key).allows(owner: target.owner, department: target.department) else {
                throw RecordError.forbidden
            }
            let records = try await self.editable(entity, ids: ids, action: .assign, context: context, db: db)
            try await self.reassign(entity, records, to: target, action: .transfer, context: context, db: db)
        }
    }

    /// Deals the records out to the active members of a department in turn (round robin),
    /// each run starting after whoever got the last one before; never to an inactive person.
    /// Needs the assign right over where the records are and where they go.
    public func assignInTurn(_ entity: EntityDefinition, ids: [Int64], department: Int64, context: WriteContext) async throws {
        let ids = try Self.batch(ids)
        guard entity.ownership == .owned else { throw RecordError.forbidden }
        try await self.database.write { db in
            let records = try await self.editable(entity, ids: ids, action: .assign, context: context, db: db)
            let takers = try await Turns.next(records.count, entity: entity.key, department: department,
                                              users: try await Directory.users(db: db), dialect: self.database.dialect, db: db)
            _ = try await self.deal(entity, records, to: takers, action: .assign, context: context, db: db)
        }
    }

    /// Adds tags to the records' `tags` field, keeping the ones they have.
    public func tag(_ entity: EntityDefinition, ids: [Int64], tags: [String], context: WriteContext) async throws {
        let ids = try Self.batch(ids)
        let tags = tags.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard entity.field("tags")?.type == .choices else { throw RecordError.forbidden }
        guard !tags.isEmpty else { throw RecordError.invalid(ValidationFailure(["tags": FieldError("required")])) }
        try await self.database.write { db in
            for id in ids {
                let current = try await self.editable(entity, id: id, action: .edit, context: context, db: db)
                guard case .list(let had) = current["tags"] else { continue }
                let merged = had + tags.filter { !had.contains($0) }
                guard merged != had else { continue }
                _ = try await self.update(entity, id: id, input: ["tags": .list(merged)], expectedVersion: nil, context: context, in: db)
            }
        }
    }

    public func delete(_ entity: EntityDefinition, ids: [Int64], context: WriteContext) async throws {
        let ids = try Self.batch(ids)
        try await self.database.write { db in
            for id in ids { try await self.delete(entity, id: id, context: context, in: db) }
        }
    }

    static func batch(_ ids: [Int64]) throws -> [Int64] {
        var seen = Set<Int64>()
        let unique = ids.filter { seen.insert($0).inserted }
        guard !unique.isEmpty, unique.count <= self.maxBatch else {
            throw RecordError.invalid(ValidationFailure(["ids": FieldError(unique.isEmpty ? "required" : "too_many")]))
        }
        return unique
    }
}
