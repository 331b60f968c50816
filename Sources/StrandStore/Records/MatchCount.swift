import Foundation
import SQLKit
import StrandCore

/// How many records a list's search, filters and scope select: counted when that is cheap,
/// otherwise estimated, and said to be, so that a page view never counts a million rows.
public struct MatchCount: Sendable, Equatable {
    public let count: Int
    public let exact: Bool

    public init(count: Int, exact: Bool) {
        (self.count, self.exact) = (count, exact)
    }

    /// A table whose ids span at most this many is counted: that reads at most so many rows.
    static let countedWithin: Int64 = 10_000
    /// Past that, this many runs of ids, spread evenly from the first to the last, and so many
    /// ids in each, are read to estimate: a run is one step down the primary key and a short
    /// read along it, where as many single ids would each be a step of their own.
    static let runs: Int64 = 20
    static let runLength: Int64 = 50

    /// The matches of a list's search, filters and scope. A search with few matches in the index
    /// (`amongMatches`) is counted, since that reads only them; a small table is counted; else
    /// estimated from runs of ids, and for a word so common that the list walks its order, its
    /// share of all the records (`estimatedMatches`) times the share of the rest. Counting a
    /// large table's matches costs as many row reads as the filter's index passes, which for a
    /// rare combination of filters is most of the table.
    static func of(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter, searchPlan: ListSearch.Plan,
                   estimatedMatches: Double?, countedWithin: Int64 = Self.countedWithin, dialect: Dialect,
                   db: any SQLDatabase) async throws -> MatchCount {
        var counting = query
        counting.cursor = nil
        let searched = query.search.map { !SearchTerms.queryWords($0).isEmpty } ?? false
        if let estimatedMatches, searched, searchPlan != .amongMatches {
            var unsearched = counting
            unsearched.search = nil
            let rest = try ListPlan.conditions(entity, query: unsearched, scopeCondition: scope.condition(on: entity), dialect: dialect)
            let share = try await self.sampled(entity, rest, dialect: dialect, db: db)
            return MatchCount(count: self.rounded(estimatedMatches * share), exact: false)
        }
        let conditions = try ListPlan.conditions(entity, query: counting, scopeCondition: scope.condition(on: entity), dialect: dialect,
                                                 searchPlan: searchPlan)
        let span = try await self.idSpan(entity, db: db)
        guard (searched && searchPlan == .amongMatches) || span.count <= countedWithin else {
            let share = try await self.sampled(entity, conditions, span: span, dialect: dialect, db: db)
            return MatchCount(count: self.rounded(share * Double(span.count)), exact: false)
        }
        let counted = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: entity.table) WHERE \(conditions.expression)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        return MatchCount(count: counted, exact: true)
    }

    /// The first and last id, and how many ids lie from one to the other.
    static func idSpan(_ entity: EntityDefinition, db: any SQLDatabase) async throws -> (low: Int64, high: Int64, count: Int64) {
        // Apart, each is one step down the primary key; together SQLite reads every row.
        let bounds = try await db.raw("""
            SELECT (SELECT MIN(id) FROM \(ident: entity.table)) AS lo, (SELECT MAX(id) FROM \(ident: entity.table)) AS hi
            """).first()
        guard let low = try bounds?.decode(column: "lo", as: Int64?.self), let high = try bounds?.decode(column: "hi", as: Int64?.self) else { return (0, 0, 0) }
        return (low, high, high - low + 1)
    }

    /// The share of the ids in evenly spread runs whose records meet `conditions`.
    static func sampled(_ entity: EntityDefinition, _ conditions: SQLConditions, span: (low: Int64, high: Int64, count: Int64)? = nil,
                        dialect: Dialect, db: any SQLDatabase) async throws -> Double {
        let span = if let span { span } else { try await self.idSpan(entity, db: db) }
        guard span.count > 0 else { return 0 }
        let length = min(self.runLength, span.count)
        let step = max(length, span.count / self.runs)
        let looked = ((span.count - length) / step + 1) * length
        // SQLite would drive the count by a filter's index (a status held by a tenth of the
        // table) and test each of its rows against the runs: the runs go first, each read along
        // the primary key.
        let unindexed = SQLRaw(dialect == .sqlite ? "NOT INDEXED" : "")
        let hits = try await db.raw("""
            WITH RECURSIVE runs(first_id) AS (SELECT CAST(\(bind: span.low) AS BIGINT)
              UNION ALL SELECT first_id + \(bind: step) FROM runs WHERE first_id + \(bind: step) + \(bind: length) <= \(bind: span.high + 1))
            SELECT COUNT(*) AS n FROM runs CROSS JOIN \(ident: entity.table) \(unindexed) WHERE \(ident: entity.table).id >= runs.first_id
              AND \(ident: entity.table).id < runs.first_id + \(bind: length) AND \(conditions.expression)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        return Double(hits) / Double(looked)
    }

    /// Two significant figures: an estimate reads as one.
    static func rounded(_ value: Double) -> Int {
        guard value >= 100 else { return Int(value.rounded()) }
        let unit = pow(10, (log10(value) - 1).rounded(.down))
        return Int((value / unit).rounded() * unit)
    }
}
