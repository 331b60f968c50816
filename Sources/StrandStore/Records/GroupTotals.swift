import SQLKit
import StrandCore

/// How many records share a value of one field, and the sum of another over them: the columns
/// of a kanban board, the steps of a funnel.
public struct GroupTotal: Sendable, Equatable {
    public let value: String
    public let count: Int
    public let sum: Int64
}

extension StoreDatabase {
    /// One row per value of `field` among the records `query` and `scope` select.
    public func totals(_ entity: EntityDefinition, by field: String, summing measure: String, query: ListQuery,
                       scope: ScopeFilter) async throws -> [GroupTotal] {
        guard entity.field(field)?.type.storage == .text, entity.field(measure)?.type.storage == .integer else {
            throw ListError.badFilter(field)
        }
        let key = "totals|\(entity.key)|\(field)|\(measure)|\(query)|\(scope)"
        return try await self.reports.value(key) {
            try await self.computeTotals(entity, by: field, summing: measure, query: query, scope: scope)
        }
    }

    func computeTotals(_ entity: EntityDefinition, by field: String, summing measure: String, query: ListQuery,
                       scope: ScopeFilter) async throws -> [GroupTotal] {
        // PostgreSQL sums BIGINT as NUMERIC; the cast keeps one integer type on both databases.
        let rows = try await self.rowsPerPart(entity, query: query, scope: scope) { selected in
            SQLQueryString("""
                SELECT \(ident: field) AS value, COUNT(*) AS n, CAST(COALESCE(SUM(\(ident: measure)), 0) AS BIGINT) AS total
                FROM \(ident: entity.table) WHERE \(selected) GROUP BY \(ident: field)
                """)
        }.map { row in
            GroupTotal(value: try row.decode(column: "value", as: String.self), count: try row.decode(column: "n", as: Int.self),
                       sum: try row.decode(column: "total", as: Int64.self))
        }
        return Dictionary(grouping: rows, by: \.value).map { value, totals in
            GroupTotal(value: value, count: totals.reduce(0) { $0 + $1.count }, sum: totals.reduce(0) { $0 &+ $1.sum })
        }.sorted { $0.value < $1.value }
    }
}

extension StoreDatabase {
    /// The rows of `statement` run once per disjoint part of what `query` and `scope` select
    /// (with `extra` added), for totals that add up across the parts.
    func rowsPerPart(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter, adding extra: SQLQueryString? = nil,
                     _ statement: (any SQLExpression) -> SQLQueryString) async throws -> [any SQLRow] {
        var rows: [any SQLRow] = []
        for var conditions in try ListPlan.disjointConditions(entity, query: query, scope: scope, dialect: self.dialect) {
            if let extra { conditions.add(extra) }
            let sql = statement(conditions.expression)
            rows += try await self.read { try await $0.raw(sql).all() }
        }
        return rows
    }
}
