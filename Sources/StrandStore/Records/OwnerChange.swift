import SQLKit
import StrandCore

/// Gives many records of one entity a new owner (or none) in a few statements, leaving their
/// values as they are: the rows, the ownership periods, the search entries, the children and an
/// audit row each. The claim, return, transfer, handover and the nightly return all come here;
/// their callers have checked their rules and locked the rows in the same transaction.
struct OwnerChange {
    struct Row: Sendable {
        let id: Int64
        let owner: Int64?
        let version: Int64
    }

    let entity: EntityDefinition
    let catalog: EntityCatalog
    let dialect: Dialect
    /// claim, return, assign, transfer, handover, auto_return
    let action: AuditAction
    let actorId: Int64?
    var ip = ""
    var note: String?
    /// The pool records left without an owner wait in, set in the same statement.
    var pool: Int64?

    func apply(_ rows: [Row], to position: RecordPosition, at now: Int64, db: any SQLDatabase) async throws {
        let rows = rows.filter { $0.owner != position.owner }
        guard !rows.isEmpty else { return }
        let ids = rows.map(\.id)
        let list = SQLGroupExpression.binds(ids)
        var since = self.entity.pooled ? SQLQueryString(", owned_since = \(bind: position.owner == nil ? nil : now)") : SQLQueryString("")
        if self.entity.pooled, position.owner == nil, let pool = self.pool {
            since = SQLQueryString("\(since), pool_id = \(bind: pool), pool_reminded_at = NULL")
        }
        try await db.raw("""
            UPDATE \(ident: self.entity.table) SET owner_id = \(bind: position.owner), department_id = \(bind: position.department)\(since),
              version = version + 1, updated_at = \(bind: now), updated_by = \(bind: self.actorId) WHERE id IN \(list)
            """).run()
        if self.entity.trackedFields.contains(SystemColumn.ownerId.rawValue) {
            try await ValuePeriods.ownerChanged(self.entity, ids: ids, to: position.owner, at: now, actor: self.actorId, db: db)
        }
        try await SearchIndex.move(self.entity, recordIds: ids, owner: position.owner, department: position.department, dialect: self.dialect, db: db)
        // A record waiting in a pool is nobody's to share: its collaborators go with its owner.
        if position.owner == nil {
            try await db.raw("DELETE FROM record_shares WHERE entity = \(bind: self.entity.key) AND record_id IN \(list)").run()
        }
        for child in self.catalog.children(of: self.entity.key) {
            try await RecordWriter.moveChildren(child, parentIds: ids, owner: position.owner, department: position.department,
                                                dialect: self.dialect, db: db)
        }
        try await AuditLog.append(rows.map { row in
            var changes = ["owner_id": AuditChange(from: row.owner.map(String.init), to: position.owner.map(String.init))]
            if let note = self.note { changes["reason"] = AuditChange(from: nil, to: note) }
            return AuditEntry(at: now, userId: self.actorId, ip: self.ip, action: self.action, entity: self.entity.key,
                              recordId: row.id, recordVersion: row.version + 1, changes: changes)
        }, db: db)
    }

}

extension OwnerChange.Row {
    init(_ record: Record) {
        self.init(id: record.id, owner: record.ownerId, version: record.version)
    }
}
