import SQLKit
import StrandCore

/// Open opportunities expected to close in one month: their amount, weighted by probability,
/// and committed (probability of 70% or more, the seeds' 谈判审核 and beyond).
public struct MonthForecast: Sendable, Equatable {
    public let month: String
    public let count: Int
    public let amount: Int64
    public let weighted: Int64
    public let committed: Int64
}

extension StoreDatabase {
    public static let committedProbability = 70

    /// By month of `expected_close`, over the open opportunities `query` and `scope` select.
    /// Weighting sums amount x probability and rounds once, half up, to the fen.
    public func forecast(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter) async throws -> [MonthForecast] {
        var conditions = try ListPlan.conditions(entity, query: query, scope: scope, dialect: self.dialect)
        conditions.add(SQLQueryString("stage IN \(SQLGroupExpression.binds(SalesStage.open.map(\.key))) AND expected_close <> ''"))
        let selected = conditions.expression
        return try await self.read { db in
            try await db.raw("""
                SELECT substr(expected_close, 1, 7) AS month, COUNT(*) AS n,
                  CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS amount,
                  CAST(COALESCE(SUM(amount * probability), 0) AS BIGINT) AS weighted100,
                  CAST(COALESCE(SUM(CASE WHEN probability >= \(bind: Self.committedProbability) THEN amount ELSE 0 END), 0) AS BIGINT) AS committed
                FROM \(ident: entity.table) WHERE \(selected)
                GROUP BY substr(expected_close, 1, 7) ORDER BY month
                """).all().map { row in
                let weighted100 = try row.decode(column: "weighted100", as: Int64.self)
                return MonthForecast(month: try row.decode(column: "month", as: String.self), count: try row.decode(column: "n", as: Int.self),
                                     amount: try row.decode(column: "amount", as: Int64.self), weighted: (weighted100 + 50) / 100,
                                     committed: try row.decode(column: "committed", as: Int64.self))
            }
        }
    }
}
