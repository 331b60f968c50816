import Foundation
import SQLKit
import StrandCore

/// The daily alerts of receivables and contracts: an instalment past its due day and not
/// fully paid tells its owner and their department's managers, once; a signed contract
/// nearing its end (its `renewal_days`, 30 by default) reminds its owner, once.
public struct CommerceAlertsJob: Sendable {
    public static let name = "commerce_alerts"
    public let database: StoreDatabase
    public let catalog: EntityCatalog

    public init(database: StoreDatabase, catalog: EntityCatalog) {
        self.database = database
        self.catalog = catalog
    }

    public struct Outcome: Sendable, Equatable {
        public var overdue = 0
        public var renewals = 0
        public var expired = 0
    }

    public func runIfDue(now: Int64, hour: Int, timeZone: TimeZone, runner: String) async throws -> Outcome? {
        try await JobRuns.daily(Self.name, now: now, hour: hour, timeZone: timeZone, runner: runner, database: self.database) {
            let outcome = try await self.run(now: now, timeZone: timeZone)
            return (outcome, "overdue \(outcome.overdue), renewals \(outcome.renewals), expired \(outcome.expired)")
        }
    }

    public func run(now: Int64, timeZone: TimeZone) async throws -> Outcome {
        let today = DateTimeText.day(now, timeZone: timeZone)
        var outcome = Outcome()
        outcome.overdue = try await self.overdue(today: today.description, now: now)
        outcome.renewals = try await self.renewals(today: today, now: now)
        outcome.expired = try await self.expire(today: today.description)
        return outcome
    }

    func overdue(today: String, now: Int64) async throws -> Int {
        var total = 0
        while true {
            let done = try await self.database.write { db -> Int in
                let rows = try await db.raw("""
                    SELECT i.id, i.owner_id, i.department_id, i.label, i.due_date, c.subject FROM instalments i JOIN contracts c ON c.id = i.contract_id
                    WHERE i.deleted_at IS NULL AND i.status IN ('open', 'partial') AND i.due_date <> '' AND i.due_date < \(bind: today)
                      AND i.overdue_notified_at IS NULL ORDER BY i.id LIMIT 500
                    """).all()
                guard !rows.isEmpty else { return 0 }
                let managers = try await self.managers(db: db)
                var notices: [Notice] = []
                for row in rows {
                    let params = ["name": (try row.text("subject") ?? "") + " · " + (try row.text("label") ?? ""), "day": try row.text("due_date") ?? ""]
                    let owner = try row.integer("owner_id")
                    let people = Set([owner].compactMap { $0 } + (managers[try row.integer("department_id") ?? -1] ?? []))
                    notices += people.sorted().map {
                        Notice(userId: $0, kind: "instalment_overdue", entity: EntityKey.instalment, recordId: (try? row.integer("id")) ?? 0, params: params, createdAt: now)
                    }
                }
                try await Notices.add(notices, db: db)
                let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
                try await db.raw("UPDATE instalments SET overdue_notified_at = \(bind: now) WHERE id IN \(SQLGroupExpression.binds(ids))").run()
                return rows.count
            }
            total += done
            if done < 500 { return total }
        }
    }

    func renewals(today: CalendarDay, now: Int64) async throws -> Int {
        try await self.database.write { db in
            let horizon = DateTimeText.day(now + 366 * 86_400_000, timeZone: TimeZone(identifier: "UTC")!).description
            let rows = try await db.raw("""
                SELECT id, owner_id, subject, end_date, renewal_days FROM contracts WHERE deleted_at IS NULL AND status = 'signed'
                  AND end_date <> '' AND end_date <= \(bind: horizon) AND renewal_reminded_at IS NULL
                """).all()
            var due: [(Int64, Int64?, String, String)] = []
            for row in rows {
                let end = try row.text("end_date") ?? ""
                let lead = Int(try row.integer("renewal_days") ?? 30)
                guard let endDay = CalendarDay(end), today.adding(days: lead) >= endDay else { continue }
                due.append((try row.decode(column: "id", as: Int64.self), try row.integer("owner_id"), try row.text("subject") ?? "", end))
            }
            guard !due.isEmpty else { return 0 }
            try await Notices.add(due.compactMap { id, owner, subject, end in
                owner.map { Notice(userId: $0, kind: "contract_renewal", entity: EntityKey.contract, recordId: id, params: ["name": subject, "day": end], createdAt: now) }
            }, db: db)
            try await db.raw("UPDATE contracts SET renewal_reminded_at = \(bind: now) WHERE id IN \(SQLGroupExpression.binds(due.map(\.0)))").run()
            return due.count
        }
    }

    /// Quotations past their valid-until day and still waiting on the customer are expired,
    /// each audited as `expire` by Strand.
    func expire(today: String) async throws -> Int {
        guard let quotations = self.catalog.entity(EntityKey.quotation) else { return 0 }
        var waiting = ListQuery()
        waiting.filters = [ListQuery.Filter(column: "status", operation: .equals([.text("approved"), .text("sent")]))]
        waiting.limit = 10_000
        let filter = waiting
        return try await self.database.write { db in
            let due = try await RecordStore.list(quotations, query: filter, scope: ScopeFilter(.everything), dialect: self.database.dialect, db: db)
                .records.filter { ($0["valid_until"].textValue ?? "").isEmpty == false && $0["valid_until"].textValue! < today }
            for quotation in due {
                _ = try await RecordService.setFields(quotations, quotation, ["status": .text("expired")], action: .expire, actor: nil, ip: "", db: db)
            }
            return due.count
        }
    }

    /// The active holders of the manager role, by their department.
    func managers(db: any SQLDatabase) async throws -> [Int64: [Int64]] {
        var result: [Int64: [Int64]] = [:]
        for row in try await db.raw("""
            SELECT u.id, u.department_id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE r.key = 'manager' AND u.active = 1 AND u.department_id IS NOT NULL
            """).all() {
            result[try row.decode(column: "department_id", as: Int64.self), default: []].append(try row.decode(column: "id", as: Int64.self))
        }
        return result
    }
}
