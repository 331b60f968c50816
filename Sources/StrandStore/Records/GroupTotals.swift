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
    /// One row per value of `field` among the records `query` and `scope` select, in one query.
    public func totals(_ entity: EntityDefinition, by field: String, summing measure: String, query: ListQuery,
                       scope: ScopeFilter) async throws -> [GroupTotal] {
        guard entity.field(field)?.type.storage == .text, entity.field(measure)?.type.storage == .integer else {
            throw ListError.badFilter(field)
        }
        let parts = try ListPlan.disjointConditions(entity, query: query, scope: scope, dialect: self.dialect)
        // PostgreSQL sums BIGINT as NUMERIC; the cast keeps one integer type on both databases.
        var rows: [GroupTotal] = []
        for conditions in parts {
            rows += try await self.read { db in
                try await db.raw("""
                    SELECT \(ident: field) AS value, COUNT(*) AS n, CAST(COALESCE(SUM(\(ident: measure)), 0) AS BIGINT) AS total
                    FROM \(ident: entity.table) WHERE \(conditions.expression) GROUP BY \(ident: field)
                    """).all().map { row in
                    GroupTotal(value: try row.decode(column: "value", as: String.self), count: try row.decode(column: "n", as: Int.self),
                               sum: try row.decode(column: "total", as: Int64.self))
                }
            }
        }
        return Dictionary(grouping: rows, by: \.value).map { value, totals in
            GroupTotal(value: value, count: totals.reduce(0) { $0 + $1.count }, sum: totals.reduce(0) { $0 + $1.sum })
        }.sorted { $0.value < $1.value }
    }
}
