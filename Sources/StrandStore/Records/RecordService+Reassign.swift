import SQLKit
import StrandCore

extension RecordService {
    /// Gives records another owner, or none (into a pool), leaving their values as they are, with
    /// one audit row each named `action` (claim, return, assign, transfer, handover). The caller
    /// has checked its rules and read the records in this transaction. Records left without an
    /// owner wait in `pool`.
    func reassign(_ entity: EntityDefinition, _ records: [Record], to position: RecordPosition, action: AuditAction,
                  note: String? = nil, pool: Int64? = nil, context: WriteContext, db: any SQLDatabase) async throws {
        var change = OwnerChange(entity: entity, catalog: self.catalog, dialect: self.database.dialect, action: action,
                                 actorId: context.actor.userId, ip: context.ip)
        (change.note, change.pool) = (note, pool)
        try await change.apply(records.map(OwnerChange.Row.init), to: position, at: Clock.millis(), db: db)
    }

    /// The actor's records among `ids` that `action` may touch, locked for the transaction, in
    /// the order asked; any id missing or out of reach refuses the whole batch.
    func editable(_ entity: EntityDefinition, ids: [Int64], action: Action, context: WriteContext,
                  db: any SQLDatabase) async throws -> [Record] {
        try await ids.asyncMap { try await self.editable(entity, id: $0, action: action, context: context, db: db) }
    }
}
