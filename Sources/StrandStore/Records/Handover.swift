import SQLKit
import StrandCore

/// Handing over a person's work when they leave: in one transaction everything they own (their
/// customers, leads, open opportunities, events, tasks and any other owned records) goes to a colleague, and
/// the customers may go back to the pool instead. Closed opportunities keep their owner, so
/// results stay with whoever won or lost them.
public struct Handover: Sendable {
    public let records: RecordService

    public init(records: RecordService) {
        self.records = records
    }

    /// What the person owns, per entity key, that a handover moves.
    public func counts(of userId: Int64) async throws -> [String: Int] {
        try await self.records.database.read { db in
            var counts: [String: Int] = [:]
            for entity in self.movable {
                let row = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: entity.table) WHERE \(self.owned(entity, by: userId))").first()
                counts[entity.key] = Int(try row?.integer("n") ?? 0)
            }
            return counts
        }
    }

    public func run(from userId: Int64, to targetId: Int64, customersToPool: Bool, context: WriteContext) async throws {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        guard targetId != userId else { throw RecordError.invalid(ValidationFailure(["to": FieldError("invalid")])) }
        try await self.records.database.write { db in
            guard let target = try await Directory.user(id: targetId, db: db), target.active else {
                throw RecordError.invalid(ValidationFailure(["to": FieldError("inactive_user")]))
            }
            let position = RecordPosition(owner: target.id, department: target.departmentId)
            for entity in self.movable {
                let rows = try await db.raw("SELECT * FROM \(ident: entity.table) WHERE \(self.owned(entity, by: userId)) ORDER BY id").all()
                let owned = try rows.map { try Record.decode($0, entity: entity) }
                for batch in owned.chunked(by: 1000) {
                    if entity.pooled && customersToPool {
                        try await PoolService(records: self.records).giveBack(batch, reason: "handover", context: context, now: Clock.millis(), db: db)
                    } else {
                        try await self.records.reassign(entity, batch, to: position, action: .handover, context: context, db: db)
                    }
                }
            }
            // The events and tasks handed over now remind their new owner.
            try await ReminderQueue.reschedule(userId: userId, catalog: self.records.catalog, now: Clock.millis(), db: db)
        }
    }

    var movable: [EntityDefinition] { self.records.catalog.entities.filter { $0.ownership == .owned && !$0.catalogue } }

    /// The live records of `entity` the person owns that move (`handedOverWhile`).
    func owned(_ entity: EntityDefinition, by userId: Int64) -> SQLQueryString {
        var condition = SQLQueryString("owner_id = \(bind: userId) AND deleted_at IS NULL")
        if let (field, value) = entity.handedOverWhile {
            condition = SQLQueryString("\(condition) AND \(ident: field) = \(bind: value)")
        }
        return condition
    }
}
