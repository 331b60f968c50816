import SQLKit
import StrandCore

extension RecordService {
    /// Gives a record another owner, or none (into a pool), leaving its values as they are: the
    /// write, the ownership period, the search entry, the children and one audit row named
    /// `action` (claim, return, assign, transfer, handover). The caller has checked the rules.
    func reassign(_ entity: EntityDefinition, _ current: Record, to position: RecordPosition, action: String,
                  note: String? = nil, context: WriteContext, db: any SQLDatabase) async throws -> Record {
        guard position != RecordPosition(owner: current.ownerId, department: current.departmentId) else { return current }
        let record = try await RecordWriter.update(entity, current: current, values: current.values, position: position,
                                                   actor: context.actor.userId, db: db)
        try await ValuePeriods.record(entity, record, before: current, at: record.updatedAt, actor: context.actor.userId, db: db)
        try await SearchIndex.move(entity, recordIds: [record.id], owner: position.owner,
                                   department: position.department, dialect: self.database.dialect, db: db)
        try await self.cascadeOwnership(of: entity, record: record, db: db)
        var changes = ["owner_id": AuditChange(from: current.ownerId.map(String.init), to: position.owner.map(String.init))]
        if let note { changes["reason"] = AuditChange(from: nil, to: note) }
        try await self.audit(action, entity, record, changes: changes, context: context, db: db)
        return record
    }

    /// The actor's records among `ids` for `action`, locked for the transaction, in the order
    /// asked; any id missing or out of reach refuses the whole batch.
    func editable(_ entity: EntityDefinition, ids: [Int64], action: Action, context: WriteContext,
                  db: any SQLDatabase) async throws -> [Record] {
        try await ids.asyncMap { try await self.editable(entity, id: $0, action: action, context: context, db: db) }
    }
}
