import SQLKit
import StrandCore

extension PoolService {
    /// The pool each of `ids` waits in; refuses when any has been taken or is not in a pool.
    func waiting(_ ids: [Int64], db: any SQLDatabase) async throws -> [Int64: Int64] {
        let rows = try await db.raw("""
            SELECT id, pool_id FROM \(ident: self.entity.table)
            WHERE id IN \(SQLGroupExpression.binds(ids))
              AND owner_id IS NULL AND pool_id IS NOT NULL AND deleted_at IS NULL\(SQLRaw(self.database.dialect == .postgres ? " FOR UPDATE" : ""))
            """).all()
        let found = try Dictionary(uniqueKeysWithValues: rows.map {
            (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "pool_id", as: Int64.self))
        })
        guard found.count == ids.count else { throw PoolError.refused("pool.not_waiting") }
        return found
    }

    /// How many live customers a person owns, and how many of them are not won, as the
    /// database keeps them (`owned_counts`). A claim `locking` them on PostgreSQL holds the row
    /// until it commits, so a second claim by the same person waits and counts what the first took.
    func ownedCount(_ userId: Int64, locking: Bool = false, db: any SQLDatabase) async throws -> (all: Int, notWon: Int) {
        let lock = SQLRaw(locking && self.database.dialect == .postgres ? " FOR UPDATE" : "")
        let row = try await db.raw("SELECT total, not_won FROM owned_counts WHERE owner_id = \(bind: userId)\(lock)").first()
        return (Int(try row?.integer("total") ?? 0), Int(try row?.integer("not_won") ?? 0))
    }

    func claims(by userId: Int64, since: Int64, db: any SQLDatabase) async throws -> Int {
        let row = try await db.raw("""
            SELECT COUNT(*) AS claims FROM pool_events WHERE user_id = \(bind: userId) AND kind = 'claim' AND at >= \(bind: since)
            """).first()
        return Int(try row?.integer("claims") ?? 0)
    }

    /// Refuses when the person owned one of `ids` until too recently.
    func checkCooldown(_ ids: [Int64], user: Int64, rules: PoolRules, now: Int64, db: any SQLDatabase) async throws {
        guard rules.cooldownDays > 0 else { return }
        let row = try await db.raw("""
            SELECT MAX(ended_at) AS ended FROM value_periods
            WHERE entity = \(bind: self.entity.key) AND field = 'owner_id' AND value = \(bind: String(user))
              AND record_id IN \(SQLGroupExpression.binds(ids)) AND ended_at IS NOT NULL
            """).first()
        if let ended = try row?.integer("ended"), rules.coolingDown(endedAt: ended, now: now) {
            throw PoolError.refused("pool.cooling_down")
        }
    }

    /// Gives `ids` the new position through the write pipeline.
    func move(_ ids: [Int64], to position: RecordPosition, action: AuditAction, context: WriteContext, db: any SQLDatabase) async throws {
        let records = try await RecordStore.find(self.entity, ids: ids, scope: ScopeFilter(.everything), db: db)
        guard records.count == ids.count else { throw RecordError.notFound }
        try await self.records.reassign(self.entity, records, to: position, action: action, context: context, db: db)
    }
}
