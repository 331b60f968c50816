import Foundation
import SQLKit
import StrandCore

/// How many records a list's search, filters and scope select: counted when there are few,
/// otherwise estimated, and said to be, so that a page view never counts a million rows.
public struct MatchCount: Sendable, Equatable {
    public let count: Int
    public let exact: Bool

    public init(count: Int, exact: Bool) {
        (self.count, self.exact) = (count, exact)
    }

    /// Counted up to this many; past it, estimated.
    static let countedUpTo = 1_000
    /// Records looked at, spread evenly over the ids, to estimate a larger number.
    static let sampled = 1_000

    static func of(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter, searchPlan: ListSearch.Plan,
                   estimatedMatches: Double?, countedUpTo: Int = Self.countedUpTo, dialect: Dialect,
                   db: any SQLDatabase) async throws -> MatchCount {
        var counting = query
        counting.cursor = nil
        let conditions = try ListPlan.conditions(entity, query: counting, scopeCondition: scope.condition(on: entity), dialect: dialect,
                                                 searchPlan: searchPlan)
        // A word so common that the list walks its order would be walked much further to be
        // counted: its share of all the records stands for it, times the share of the rest.
        if let estimatedMatches, searchPlan != .amongMatches {
            var unsearched = counting
            unsearched.search = nil
            let rest = try ListPlan.conditions(entity, query: unsearched, scopeCondition: scope.condition(on: entity), dialect: dialect)
            let share = try await self.sampled(entity, rest, db: db).share
            return MatchCount(count: self.rounded(estimatedMatches * share), exact: false)
        }
        let counted = try await db.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM \(ident: entity.table) WHERE \(conditions.expression) LIMIT \(bind: countedUpTo + 1)) AS counted
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        guard counted > countedUpTo else { return MatchCount(count: counted, exact: true) }
        let sample = try await self.sampled(entity, conditions, db: db)
        return MatchCount(count: max(self.rounded(sample.share * Double(sample.span)), countedUpTo + 1), exact: false)
    }

    /// The share of the ids, at even steps from the first to the last, whose records meet
    /// `conditions`, and how many ids that run spans.
    static func sampled(_ entity: EntityDefinition, _ conditions: SQLConditions,
                        db: any SQLDatabase) async throws -> (share: Double, span: Int64) {
        // Apart, each is one step down the primary key; together SQLite reads every row.
        guard let bounds = try await db.raw("""
            SELECT (SELECT MIN(id) FROM \(ident: entity.table)) AS lo, (SELECT MAX(id) FROM \(ident: entity.table)) AS hi
            """).first(),
              let low = try bounds.decode(column: "lo", as: Int64?.self), let high = try bounds.decode(column: "hi", as: Int64?.self) else { return (0, 0) }
        let step = max(1, (high - low + 1) / Int64(self.sampled))
        let looked = (high - low) / step + 1
        let hits = try await db.raw("""
            WITH RECURSIVE sampled(sample_id) AS (SELECT CAST(\(bind: low) AS BIGINT)
              UNION ALL SELECT sample_id + \(bind: step) FROM sampled WHERE sample_id + \(bind: step) <= \(bind: high))
            SELECT COUNT(*) AS n FROM \(ident: entity.table) JOIN sampled ON \(ident: entity.table).id = sampled.sample_id WHERE \(conditions.expression)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        return (Double(hits) / Double(looked), high - low + 1)
    }

    /// Two significant figures: an estimate reads as one.
    static func rounded(_ value: Double) -> Int {
        guard value >= 100 else { return Int(value.rounded()) }
        let unit = pow(10, (log10(value) - 1).rounded(.down))
        return Int((value / unit).rounded() * unit)
    }
}
