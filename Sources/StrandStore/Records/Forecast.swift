import SQLKit
import StrandCore

/// Open opportunities expected to close in one period, for one person or department (or the
/// whole selection): their amount, weighted by probability, and committed (probability of 70%
/// or more, the seeds' 谈判审核 and beyond).
public struct ForecastRow: Sendable, Equatable {
    public let period: String
    /// The owner or department the row is about; nil when not grouped.
    public let group: Int64?
    public let count: Int
    public let amount: Int64
    public let weighted: Int64
    public let committed: Int64
}

public enum ForecastPeriod: String, Sendable, CaseIterable {
    case month, quarter

    /// `2026-12` or `2026-Q4` from an ISO date column.
    var expression: String {
        switch self {
        case .month: "substr(expected_close, 1, 7)"
        case .quarter: "substr(expected_close, 1, 4) || '-Q' || CAST((CAST(substr(expected_close, 6, 2) AS INTEGER) + 2) / 3 AS TEXT)"
        }
    }
}

public enum ForecastGroup: String, Sendable, CaseIterable {
    case company, department, owner

    var expression: String {
        switch self {
        case .company: "CAST(NULL AS BIGINT)"
        case .department: "department_id"
        case .owner: "owner_id"
        }
    }
}

/// Deals that closed: how many were won and lost, what the won ones were worth, and how long a
/// won deal took from creation to winning, on average.
public struct ClosedDeals: Sendable, Equatable {
    public var won = 0
    public var lost = 0
    public var wonAmount: Int64 = 0
    public var averageDaysToWin: Double?

    /// Won deals among the closed ones, in whole percent; nil before any has closed.
    public var winRate: Int? {
        self.won + self.lost == 0 ? nil : (self.won * 100 + (self.won + self.lost) / 2) / (self.won + self.lost)
    }
}

extension StoreDatabase {
    public static let committedProbability = 70

    /// By period of `expected_close` and by group, over the open opportunities `query` and
    /// `scope` select. Weighting sums amount x probability and rounds once, half up, to the fen.
    public func forecast(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter, period: ForecastPeriod = .month,
                         by group: ForecastGroup = .company) async throws -> [ForecastRow] {
        var conditions = try ListPlan.conditions(entity, query: query, scope: scope, dialect: self.dialect)
        conditions.add(SQLQueryString("\(unsafeRaw: DealSQL.isOpen) AND expected_close <> ''"))
        let selected = conditions.expression
        return try await self.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: period.expression) AS period, \(unsafeRaw: group.expression) AS grp, COUNT(*) AS n,
                  CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS amount,
                  CAST(COALESCE(SUM(amount * probability), 0) AS BIGINT) AS weighted100,
                  CAST(COALESCE(SUM(CASE WHEN probability >= \(bind: Self.committedProbability) THEN amount ELSE 0 END), 0) AS BIGINT) AS committed
                FROM \(ident: entity.table) WHERE \(selected)
                GROUP BY 1, 2 ORDER BY 1, 2
                """).all().map { row in
                let weighted100 = try row.decode(column: "weighted100", as: Int64.self)
                return ForecastRow(period: try row.decode(column: "period", as: String.self), group: try row.decode(column: "grp", as: Int64?.self),
                                   count: try row.decode(column: "n", as: Int.self), amount: try row.decode(column: "amount", as: Int64.self),
                                   weighted: (weighted100 + 50) / 100, committed: try row.decode(column: "committed", as: Int64.self))
            }
        }
    }

    /// Won and lost deals among those `query` and `scope` select.
    public func closedDeals(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter) async throws -> ClosedDeals {
        var conditions = try ListPlan.conditions(entity, query: query, scope: scope, dialect: self.dialect)
        conditions.add(SQLQueryString("status IN ('won', 'lost')"))
        let selected = conditions.expression
        return try await self.read { db in
            var result = ClosedDeals()
            for row in try await db.raw("""
                SELECT status, COUNT(*) AS n, CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS amount,
                  AVG(CAST(closed_at - created_at AS DOUBLE PRECISION)) AS cycle
                FROM \(ident: entity.table) WHERE \(selected) GROUP BY status
                """).all() {
                let count = try row.decode(column: "n", as: Int.self)
                if try row.decode(column: "status", as: String.self) == "won" {
                    result.won = count
                    result.wonAmount = try row.decode(column: "amount", as: Int64.self)
                    result.averageDaysToWin = try row.decode(column: "cycle", as: Double?.self).map { $0 / 86_400_000 }
                } else {
                    result.lost = count
                }
            }
            return result
        }
    }
}
