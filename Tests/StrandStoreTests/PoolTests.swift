import Foundation
import NIOPosix
import SQLKit
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// The public pool: claims, returns and the nightly return, with days passing through the
/// `now` the services take rather than in real time.
@Suite struct PoolTests {
    static let day = PoolRules.dayMillis

    /// Sets the default pool's rules and gives `manager1` its administration.
    static func rules(_ company: Company, _ change: (inout PoolRules) -> Void) async throws -> Pool {
        var changed = PoolRules()
        change(&changed)
        let rules = changed
        return try await company.database.write { db in
            var pool = try await Pools.all(db: db)[0]
            pool.rules = rules
            pool.members = [Pool.Member(.user, company.managerOne.userId, isAdmin: true), Pool.Member(.department, company.headOffice.id)]
            _ = try await Pools.save(pool, db: db)
            return try await Pools.all(db: db)[0]
        }
    }

    /// What became of an action: done, or the key of why it was refused.
    static func outcome(_ body: () async throws -> Void) async -> String {
        do {
            try await body()
            return "done"
        } catch PoolError.refused(let key) {
            return key
        } catch RecordError.notFound {
            return "not_found"
        } catch RecordError.forbidden {
            return "forbidden"
        } catch {
            return "\(error)"
        }
    }

    static func owner(_ company: Company, _ id: Int64) async throws -> Int64? {
        try await company.database.find(company.entity("customer"), id: id, scope: ScopeFilter(.everything))?.ownerId
    }

    @Test(arguments: TestBackend.available)
    func returnClaimAndTheirLimits(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        _ = try await Self.rules(company) { rules in
            (rules.maxOwned, rules.dailyClaims, rules.cooldownDays) = (3, 2, 30)
        }
        let pool = PoolService(records: company.records)
        let now = Clock.millis()
        let first = try await company.customer("杭州瑞丰贸易有限公司", by: company.repOne)
        try await company.records.create(company.entity("contact"), input: ["customer_id": .string(String(first.id)), "name": .string("陈静")],
                                         context: company.context(company.repOne))

        #expect(await Self.outcome {
            try await pool.giveBack([first.id], reason: "  ", context: company.context(company.repOne))
        } == "pool.reason_required")
        #expect(await Self.outcome {
            try await pool.giveBack([first.id], reason: "不是我的", context: company.context(company.repTwo))
        } == "not_found")
        try await pool.giveBack([first.id], reason: "客户已转向竞争对手", context: company.context(company.repOne))
        #expect(try await Self.owner(company, first.id) == nil)
        let contacts = try await company.database.list(company.entity("contact"), query: ListQuery(), scope: ScopeFilter(.everything))
        #expect(contacts.records.map(\.ownerId) == [nil])
        let waiting = try await company.database.list(company.entity("customer"), query: ListQuery(), scope: ScopeFilter(.pool(1)))
        #expect(waiting.records.map(\.id) == [first.id])

        // The former owner waits out the cooldown; a colleague need not.
        #expect(await Self.outcome {
            try await pool.claim([first.id], context: company.context(company.repOne), now: now + 29 * Self.day)
        } == "pool.cooling_down")
        try await pool.claim([first.id], context: company.context(company.repOneB), now: now)
        #expect(try await Self.owner(company, first.id) == company.repOneB.userId)
        #expect(await Self.outcome {
            try await pool.claim([first.id], context: company.context(company.repTwo), now: now)
        } == "pool.not_waiting")
        try await pool.giveBack([first.id], reason: "重复跟进", context: company.context(company.repOneB))
        try await pool.claim([first.id], context: company.context(company.repOne), now: now + 31 * Self.day)

        // Two claims a day, three customers at most, all or nothing.
        var waitingIds: [Int64] = []
        for name in ["甲公司", "乙公司", "丙公司", "丁公司"] {
            let customer = try await company.customer(name, by: company.repTwo)
            try await pool.giveBack([customer.id], reason: "清理", context: company.context(company.repTwo))
            waitingIds.append(customer.id)
        }
        let later = now + 40 * Self.day
        #expect(await Self.outcome {
            try await pool.claim(Array(waitingIds.prefix(3)), context: company.context(company.repOneB), now: later)
        } == "pool.over_daily_claims")
        #expect(try await Self.owner(company, waitingIds[0]) == nil)
        try await pool.claim(Array(waitingIds.prefix(2)), context: company.context(company.repOneB), now: later)
        try await pool.claim([waitingIds[2]], context: company.context(company.repOneB), now: later + Self.day)
        #expect(await Self.outcome {
            try await pool.claim([waitingIds[3]], context: company.context(company.repOneB), now: later + 2 * Self.day)
        } == "pool.over_max_owned")

        // Only a pool administrator assigns, and only to an active person.
        #expect(await Self.outcome {
            try await pool.assign([waitingIds[3]], to: company.repTwo.userId, context: company.context(company.repOneB))
        } == "forbidden")
        try await pool.assign([waitingIds[3]], to: company.repTwo.userId, context: company.context(company.managerOne))
        #expect(try await Self.owner(company, waitingIds[3]) == company.repTwo.userId)

        let history = try await company.database.periods(company.entity("customer"), recordId: first.id, actor: company.admin)
        #expect(history.map(\.value) == [company.repOne, company.repOneB, company.repOne].map { String($0.userId) })
        let events = try await company.database.read { try await Pools.events(customerId: first.id, db: $0) }
        #expect(events.map(\.kind) == ["claim", "return", "claim", "return"])
        #expect(events[1].reason == "重复跟进")
        let audit = try await company.database.read { try await AuditLog.history(entity: "customer", recordId: first.id, db: $0) }
        #expect(audit.map(\.action).prefix(4) == [.claim, .returnToPool, .claim, .returnToPool])
    }

    @Test(arguments: TestBackend.available)
    func nightlyReturnFollowsTheGradesAndReminds(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        _ = try await Self.rules(company) { rules in
            rules.daysWithoutFollowUp = ["A": 60, "C": 10]
            rules.reminderDays = 3
        }
        let start = Clock.millis()
        let rep = company.repOne
        func customer(_ name: String, grade: String, status: String = "potential") async throws -> Record {
            try await company.customer(name, by: rep, extra: ["grade": .string(grade), "status": .string(status)])
        }
        let gradeA = try await customer("甲级客户", grade: "A")
        let gradeC = try await customer("丙级客户", grade: "C")
        let followed = try await customer("有跟进的丙级客户", grade: "C")
        let withDeal = try await customer("有商机的丙级客户", grade: "C")
        let won = try await customer("成交的丙级客户", grade: "C", status: "won")
        let ungraded = try await customer("未分级客户", grade: "")
        try await company.records.create(company.entity("follow_up"), input: [
            "customer_id": .string(String(followed.id)), "happened_at": .string(DateTimeText.iso(start + 5 * Self.day)),
            "method": .string("call"), "content": .string("电话沟通"),
        ], context: company.context(rep))
        try await company.records.create(company.entity("opportunity"), input: [
            "name": .string("新单"), "customer_id": .string(String(withDeal.id)), "amount": .string("1000"), "stage": .string("needs"),
        ], context: company.context(rep))
        let job = PoolReturnJob(database: company.database, catalog: company.catalog)

        #expect(try await job.run(now: start + 8 * Self.day) == .init(returned: 0, reminded: 1))
        #expect(try await job.run(now: start + 9 * Self.day) == .init(returned: 0, reminded: 0))
        let notices = try await company.database.read { try await Notices.unread(userId: rep.userId, db: $0) }
        #expect(notices.map(\.recordId) == [gradeC.id])
        #expect(notices.first?.params["due"] == String(gradeC.createdAt + 10 * Self.day))

        #expect(try await job.run(now: start + 11 * Self.day) == .init(returned: 1, reminded: 0))
        #expect(try await Self.owner(company, gradeC.id) == nil)
        #expect(try await job.run(now: start + 16 * Self.day).returned == 1)
        #expect(try await Self.owner(company, followed.id) == nil)
        #expect(try await job.run(now: start + 61 * Self.day).returned == 1)
        for kept in [withDeal, won, ungraded] { #expect(try await Self.owner(company, kept.id) == rep.userId) }
        #expect(try await Self.owner(company, gradeA.id) == nil)

        let audit = try await company.database.read { try await AuditLog.history(entity: "customer", recordId: gradeC.id, db: $0) }
        #expect(audit.first?.action == .autoReturn)
        #expect(audit.first?.changes["owner_id"] == AuditChange(from: String(rep.userId), to: nil))
        let periods = try await company.database.periods(company.entity("customer"), recordId: gradeC.id, actor: company.admin)
        #expect(periods.map(\.endedAt) == [start + 11 * Self.day])
        #expect(PoolRules().returnDue(grade: "C", ownedSince: 0, lastFollowUp: nil, lastWon: nil) == nil)
    }

    /// Two servers on one database each run the nightly job at the same moment: one of them
    /// returns each customer, once.
    @Test(arguments: TestBackend.available)
    func twoServersReturnEachCustomerOnce(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend, shared: true)
        _ = try await Self.rules(company) { $0.daysWithoutFollowUp = ["": 1] }
        for number in 0..<30 { try await company.customer("客户\(number)", by: number % 2 == 0 ? company.repOne : company.repTwo) }
        let second = try StoreDatabase.open(company.location, on: MultiThreadedEventLoopGroup.singleton)
        let now = Clock.millis() + 3 * Self.day
        let outcomes = try await withThrowingTaskGroup(of: PoolReturnJob.Outcome?.self) { group in
            for (index, database) in [company.database, second].enumerated() {
                group.addTask {
                    try await PoolReturnJob(database: database, catalog: company.catalog)
                        .runIfDue(now: now, hour: 0, timeZone: .shanghai, runner: "server-\(index)")
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        await second.shutdown()
        #expect(outcomes.compactMap { $0?.returned } == [30])
        let counts = try await company.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n, COUNT(DISTINCT customer_id) AS d FROM pool_events WHERE kind = 'auto_return'").first()
        }
        #expect(try counts?.decode(column: "n", as: Int64.self) == 30)
        #expect(try counts?.decode(column: "d", as: Int64.self) == 30)
        let runs = try await company.database.read { try await JobRuns.recent(db: $0) }
        #expect(runs.count == 1 && runs.first?.finishedAt != nil)
    }
}

/// The counts a pool's cap reads stay equal to counting the customers, whatever changed them.
@Suite struct OwnedCountTests {
    @Test(arguments: TestBackend.available)
    func ownedCountsFollowEveryChange(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        try await Pools.ensureDefault(company.database)
        let customers = company.entity("customer"), deals = company.entity("opportunity")
        let records = company.records
        let pools = PoolService(records: records)
        let rep = company.context(company.repOne)
        let first = try await company.customer("计数一", by: company.repOne)
        let second = try await company.customer("计数二", by: company.repOne)
        _ = try await company.customer("计数三", by: company.repOneB)
        _ = try await records.create(deals, input: ["name": .string("成交"), "customer_id": .string(String(first.id)),
                                                    "amount": .string("100"), "stage": .string("won")], context: rep)
        try await pools.giveBack([second.id], reason: "不跟了", context: rep)
        try await pools.claim([second.id], context: company.context(company.repOneB))
        _ = try await records.update(customers, id: first.id, input: ["status": .string("won")], expectedVersion: nil, context: rep)
        try await records.transfer(customers, ids: [first.id], to: company.repTwo.userId, context: company.context(company.admin))
        try await records.delete(customers, id: second.id, context: company.context(company.admin))
        _ = try await records.restore(customers, id: second.id, context: company.context(company.admin))

        let (kept, counted) = try await company.database.read { db in
            let kept = try await db.raw("SELECT owner_id, total, not_won FROM owned_counts WHERE total > 0 ORDER BY owner_id").all().map {
                [try $0.decode(column: "owner_id", as: Int64.self), try $0.decode(column: "total", as: Int64.self), try $0.decode(column: "not_won", as: Int64.self)]
            }
            let counted = try await db.raw("""
                SELECT owner_id, COUNT(*) AS total, SUM(CASE WHEN status = 'won' OR last_won_at IS NOT NULL THEN 0 ELSE 1 END) AS not_won
                FROM customers WHERE owner_id IS NOT NULL AND deleted_at IS NULL GROUP BY owner_id ORDER BY owner_id
                """).all().map {
                [try $0.decode(column: "owner_id", as: Int64.self), try $0.decode(column: "total", as: Int64.self), try $0.decode(column: "not_won", as: Int64.self)]
            }
            return (kept, counted)
        }
        #expect(kept == counted)
        #expect(counted.contains([company.repTwo.userId, 1, 0]))
    }
}
