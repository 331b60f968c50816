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

extension StoreDatabase {
    /// The aging report (账龄): what is still open of each unpaid instalment within `scope`, by
    /// person, department or customer, in four columns by days past due as of `today`: not
    /// due, 1 to 30, 31 to 90, more than 90. One grouped read of the report index per part of
    /// the scope; the parts are added up here.
    public func aging(_ entity: EntityDefinition, by group: AgingGroup, scope: ScopeFilter, today: CalendarDay) async throws -> [AgingRow] {
        let rows: [any SQLRow]
        if group == .customer {
            rows = try await self.rowsPerPart(entity, query: ListQuery(), scope: scope, adding: "status IN ('open', 'partial')") { selected in
                SQLQueryString("""
                    SELECT customer_id AS grp, \(Self.agingBuckets(open: "amount - COALESCE(received, 0)", today: today))
                    FROM \(ident: entity.table) WHERE \(selected) GROUP BY customer_id
                    """)
            }
        } else {
            // Per person or department from the open amounts the database keeps per day
            // (`receivable_days`), within the scope without its shares, as every report.
            var reach = scope
            reach.shares = nil
            let filter = reach
            rows = try await self.read { db in
                try await db.raw("""
                    SELECT \(unsafeRaw: group.column) AS grp, \(Self.agingBuckets(open: "open", today: today)) FROM receivable_days
                    WHERE open <> 0 AND (\(filter.condition)) GROUP BY \(unsafeRaw: group.column)
                    """).all()
            }
        }
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
