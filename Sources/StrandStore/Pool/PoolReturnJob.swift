import Foundation
import SQLKit
import StrandCore

/// The nightly return: customers their owners have let lie go back to the owner's pool, and
/// owners hear a few days before. It works on sets of rows, a batch a transaction, so that a
/// million customers take seconds; each batch writes the same history, search entries, audit
/// rows and pool events as a return by hand.
public struct PoolReturnJob: Sendable {
    public let database: StoreDatabase
    public let catalog: EntityCatalog
    public static let name = "pool_return"
    public static let batchSize = 1000

    public init(database: StoreDatabase, catalog: EntityCatalog) {
        self.database = database
        self.catalog = catalog
    }

    public struct Outcome: Sendable, Equatable {
        public var returned = 0
        public var reminded = 0
    }

    var entity: EntityDefinition { self.catalog.entities.first(where: \.pooled)! }

    /// Runs the job for the day `now` falls on in `timeZone` once `hour` has come, unless another
    /// process has already taken that day's run; nil when it did not run.
    public func runIfDue(now: Int64, hour: Int, timeZone: TimeZone, runner: String) async throws -> Outcome? {
        try await JobRuns.daily(Self.name, now: now, hour: hour, timeZone: timeZone, runner: runner, database: self.database) {
            let outcome = try await self.run(now: now)
            return (outcome, "returned \(outcome.returned), reminded \(outcome.reminded)")
        }
    }

    public func run(now: Int64) async throws -> Outcome {
        let (pools, users, departments) = try await self.database.read { db in
            (try await Pools.all(db: db), try await Directory.users(db: db), try await Directory.departments(db: db))
        }
        var outcome = Outcome()
        for pool in pools {
            let owners = users.filter { pools.home(forUser: $0.id, departmentChain: departments.chain(from: $0.departmentId)) == pool }.map(\.id)
            guard !owners.isEmpty, let due = self.dueCondition(pool.rules, at: now) else { continue }
            let ids = try await self.database.read { db in try await self.select(owners, where: due, db: db).map(\.id) }
            for batch in ids.chunked(by: Self.batchSize) {
                outcome.returned += try await self.database.write { db in
                    try await self.returnBatch(batch, to: pool, due: due, now: now, db: db)
                }
            }
            if let days = pool.rules.reminderDays, days > 0,
               let soon = self.dueCondition(pool.rules, at: now + Int64(days) * PoolRules.dayMillis) {
                outcome.reminded += try await self.remind(owners, soon: soon, rules: pool.rules, now: now)
            }
        }
        return outcome
    }

    func returnBatch(_ ids: [Int64], to pool: Pool, due: SQLQueryString, now: Int64, db: any SQLDatabase) async throws -> Int {
        let rows = try await self.select(nil, where: SQLQueryString("id IN \(SQLGroupExpression.binds(ids)) AND \(due)"), lock: true, db: db)
        guard !rows.isEmpty else { return 0 }
        var change = OwnerChange(entity: self.entity, catalog: self.catalog, dialect: self.database.dialect, action: .autoReturn, actorId: nil)
        change.pool = pool.id
        try await change.apply(rows.map { OwnerChange.Row(id: $0.id, owner: $0.owner, version: $0.version) },
                               to: RecordPosition(owner: nil, department: nil), at: now, db: db)
        try await Pools.record(rows.map { Pools.Event(poolId: pool.id, customerId: $0.id, kind: "auto_return", userId: $0.owner,
                                                      actorId: nil, reason: "", at: now) }, db: db)
        return rows.count
    }

    /// Tells owners of customers that will go back within the pool's reminder days, once per
    /// stretch without activity.
    func remind(_ owners: [Int64], soon: SQLQueryString, rules: PoolRules, now: Int64) async throws -> Int {
        let notYet = SQLQueryString("(pool_reminded_at IS NULL OR pool_reminded_at < \(SQLRaw(PoolSQL.lastActivity)))")
        let rows = try await self.database.read { db in try await self.select(owners, where: SQLQueryString("\(soon) AND \(notYet)"), db: db) }
        for batch in rows.chunked(by: Self.batchSize) {
            try await self.database.write { db in
                try await db.raw("UPDATE \(ident: self.entity.table) SET pool_reminded_at = \(bind: now) WHERE id IN \(SQLGroupExpression.binds(batch.map(\.id)))").run()
                try await Notices.add(batch.map { row in
                    let due = rules.returnDue(grade: row.grade, ownedSince: row.since, lastFollowUp: row.lastFollowUp, lastWon: row.lastWon)
                    return Notice(userId: row.owner, kind: "pool_return_soon", entity: self.entity.key, recordId: row.id,
                                  params: ["due": String(due ?? now), "name": row.name], createdAt: now)
                }, db: db)
            }
        }
        return rows.count
    }
}
