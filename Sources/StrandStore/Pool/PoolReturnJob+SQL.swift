import SQLKit
import StrandCore

extension PoolReturnJob {
    /// An owned customer the job looks at, with what its rules read.
    struct Candidate: Sendable {
        let id: Int64
        let owner: Int64
        let version: Int64
        let grade: String
        let since: Int64
        let lastFollowUp: Int64?
        let lastWon: Int64?
        let name: String
    }

    /// Owned live customers of `owners` (any owner when nil) meeting `condition`; `lock` holds
    /// them for the transaction on PostgreSQL.
    func select(_ owners: [Int64]?, where condition: SQLQueryString, lock: Bool = false, db: any SQLDatabase) async throws -> [Candidate] {
        let owned = owners.map { SQLQueryString("owner_id IN \(SQLGroupExpression.binds($0))") } ?? SQLQueryString("owner_id IS NOT NULL")
        let locking = SQLRaw(lock && self.database.dialect == .postgres ? " FOR UPDATE" : "")
        return try await db.raw("""
            SELECT id, owner_id, version, grade, \(SQLRaw(PoolSQL.since)) AS since, last_follow_up_at, last_won_at,
              \(ident: self.entity.titleField) AS title
            FROM \(ident: self.entity.table) WHERE deleted_at IS NULL AND \(owned) AND \(condition) ORDER BY id\(locking)
            """).all().map { row in
            Candidate(id: try row.decode(column: "id", as: Int64.self), owner: try row.decode(column: "owner_id", as: Int64.self),
                      version: try row.decode(column: "version", as: Int64.self), grade: try row.decode(column: "grade", as: String.self),
                      since: try row.decode(column: "since", as: Int64.self), lastFollowUp: try row.integer("last_follow_up_at"),
                      lastWon: try row.integer("last_won_at"), name: try row.decode(column: "title", as: String.self))
        }
    }

    /// The rules as SQL: the customer's return falls due at or before `time`
    /// (`PoolRules.returnDue` says the same in Swift), and it is not exempt.
    func dueCondition(_ rules: PoolRules, at time: Int64) -> SQLQueryString? {
        let reasons = [("last_follow_up_at", rules.daysWithoutFollowUp), ("last_won_at", rules.daysWithoutDeal)]
        let parts: [any SQLExpression] = reasons.flatMap { column, days in
            days.sorted { $0.key < $1.key }.map { grade, days in
                SQLQueryString("(grade = \(bind: grade) AND \(SQLRaw(PoolSQL.latest(column))) <= \(bind: time - Int64(days) * PoolRules.dayMillis))")
            }
        }
        guard !parts.isEmpty else { return nil }
        var condition = SQLQueryString("(\(SQLList(parts, separator: SQLRaw(" OR "))))")
        if rules.exemptWon { condition = SQLQueryString("\(condition) AND NOT \(SQLRaw(PoolSQL.won))") }
        if rules.exemptOpenOpportunity, let deals = self.catalog.entity(EntityKey.opportunity),
           let link = deals.fields.first(where: { $0.linkTo == self.entity.key && $0.required }) {
            condition = SQLQueryString("""
                \(condition) AND NOT EXISTS (SELECT 1 FROM \(ident: deals.table) d WHERE d.\(ident: link.key) = \(ident: self.entity.table).id
                  AND d.deleted_at IS NULL AND d.\(unsafeRaw: DealSQL.isOpen))
                """)
        }
        return condition
    }
}

/// SQL shared by the pool's checks and its return job.
enum PoolSQL {
    /// A won customer: marked won, or with a won deal.
    static let won = "(status = 'won' OR last_won_at IS NOT NULL)"

    /// Since when the owner has the customer; records from before ownership was kept use their creation.
    static let since = "COALESCE(owned_since, created_at)"

    /// The later of `column` and `since`: the start of the stretch a rule counts.
    static func latest(_ column: String) -> String {
        "CASE WHEN \(column) > \(self.since) THEN \(column) ELSE \(self.since) END"
    }

    /// The owner's last sign of work on the customer: getting it, a follow-up or a won deal.
    static let lastActivity = "CASE WHEN last_won_at > \(latest("last_follow_up_at")) THEN last_won_at ELSE \(latest("last_follow_up_at")) END"
}
