import SQLKit
import StrandCore

/// How much of the open instalments is not yet due, and how long the rest is overdue.
public enum AgingGroup: String, Sendable, CaseIterable {
    case owner, department, customer

    var column: String {
        switch self {
        case .owner: "owner_id"
        case .department: "department_id"
        case .customer: "customer_id"
        }
    }
}

public struct AgingRow: Sendable, Equatable {
    public var key: Int64?
    public var notDue: Int64 = 0
    public var upTo30: Int64 = 0
    public var upTo90: Int64 = 0
    public var over90: Int64 = 0

    public init(key: Int64? = nil) {
        self.key = key
    }

    /// Adds another row's figures (the parts of a scope, or the sum line of a report).
    public mutating func add(_ other: AgingRow) {
        (self.notDue, self.upTo30, self.upTo90, self.over90) = (self.notDue + other.notDue, self.upTo30 + other.upTo30,
                                                                self.upTo90 + other.upTo90, self.over90 + other.over90)
    }

    public var overdue: Int64 { self.upTo30 + self.upTo90 + self.over90 }
    public var total: Int64 { self.notDue + self.overdue }
}

/// An aging report: its rows (all of them by person or department; the most overdue
/// customers by customer) and the sum of everything in the reader's scope.
public struct AgingReport: Sendable, Equatable {
    public var rows: [AgingRow]
    public var sum: AgingRow
}

extension StoreDatabase {
    /// The aging report (账龄): what is still open of each unpaid instalment within `scope`, by
    /// person, department or customer, in four columns by days past due as of `today`: not
    /// due, 1 to 30, 31 to 90, more than 90. By person and department from the open amounts
    /// the database keeps per owner, department and day (`receivable_days`); by customer the
    /// `limit` most overdue customers. Reports count the scope without its shares.
    public func aging(_ entity: EntityDefinition, by group: AgingGroup, scope: ScopeFilter, today: CalendarDay,
                      limit: Int = 200) async throws -> AgingReport {
        var reach = scope
        reach.shares = nil
        let filter = reach
        let days = try await self.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: group == .customer ? "CAST(0 AS BIGINT)" : group.column) AS grp, \(Self.agingBuckets(open: "open", today: today))
                FROM receivable_days WHERE open <> 0 AND (\(filter.condition)) \(unsafeRaw: group == .customer ? "" : "GROUP BY " + group.column)
                """).all()
        }
        var rows = try Self.merged(days)
        var sum = AgingRow()
        for row in rows { sum.add(row) }
        if group == .customer {
            rows = try await self.agingByCustomer(entity, scope: filter, today: today, limit: limit)
        }
        return AgingReport(rows: rows, sum: sum)
    }

    /// Rows of the four columns per group, the parts of one group added up, most overdue first.
    static func merged(_ rows: [any SQLRow]) throws -> [AgingRow] {
        var merged: [Int64?: AgingRow] = [:]
        for row in rows {
            let key = try row.integer("grp").flatMap { $0 == 0 ? nil : $0 }
            var part = AgingRow(key: key)
            (part.notDue, part.upTo30) = (try row.integer("not_due") ?? 0, try row.integer("d30") ?? 0)
            (part.upTo90, part.over90) = (try row.integer("d90") ?? 0, try row.integer("older") ?? 0)
            merged[key, default: AgingRow(key: key)].add(part)
        }
        return merged.values.sorted { ($0.overdue, $0.total, $0.key ?? 0) > ($1.overdue, $1.total, $1.key ?? 0) }
    }

    /// The four columns of the aging report, summing `open` by how far past `today` each day is.
    static func agingBuckets(open: String, today: CalendarDay) -> SQLQueryString {
        let (day, thirty, ninety) = (today.description, today.adding(days: -30).description, today.adding(days: -90).description)
        return """
            CAST(COALESCE(SUM(CASE WHEN due_date >= \(bind: day) THEN \(unsafeRaw: open) ELSE 0 END), 0) AS BIGINT) AS not_due,
            CAST(COALESCE(SUM(CASE WHEN due_date < \(bind: day) AND due_date >= \(bind: thirty) THEN \(unsafeRaw: open) ELSE 0 END), 0) AS BIGINT) AS d30,
            CAST(COALESCE(SUM(CASE WHEN due_date < \(bind: thirty) AND due_date >= \(bind: ninety) THEN \(unsafeRaw: open) ELSE 0 END), 0) AS BIGINT) AS d90,
            CAST(COALESCE(SUM(CASE WHEN due_date < \(bind: ninety) THEN \(unsafeRaw: open) ELSE 0 END), 0) AS BIGINT) AS older
            """
    }
}
