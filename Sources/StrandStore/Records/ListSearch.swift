import SQLKit
import StrandCore

/// How a list narrowed by what someone typed finds its page. A word with few matches is
/// answered from the index: its matches are read and sorted, which costs as many row reads as
/// there are matches. A common word would make that a read of a large share of the table, so
/// instead the list walks its own order and tests each row against the index; with a tenth of
/// the rows matching, a page of 50 is found after about 500 rows.
enum ListSearch {
    /// Matches up to which reading them beats walking the list (both cost about this many
    /// row reads at a million records with a page of 50).
    static let fewMatches = 3_000

    /// Matches SQLite reads as a set faster than it asks the index about each row the walk
    /// reaches (0.15 µs a match against 20 µs a row, with 20 rows walked per match at 5%).
    static let setAtMost = 80_000

    enum Plan: Equatable {
        case amongMatches
        /// Walking the list, each row tested; `asSet`: SQLite tests against the matches read once.
        case walkingTheList(asSet: Bool)
    }

    /// On SQLite, counts at most `fewMatches` of the matches; beyond that, where the last
    /// counted one lies in the run of ids tells how dense the rest are (the index yields them
    /// in id order). PostgreSQL's index yields its matches in no order, and would gather all
    /// of a common word's first, so there the newest entries are sampled instead.
    static func plan(_ search: String, entity: EntityDefinition, dialect: Dialect, db: any SQLDatabase) async throws -> Plan {
        try await self.survey(search, entity: entity, dialect: dialect, db: db).plan
    }

    /// The plan, and for a word too common to count, about how many of all the entity's records match.
    struct Survey {
        let plan: Plan
        let estimate: Double?
    }

    static func survey(_ search: String, entity: EntityDefinition, dialect: Dialect, db: any SQLDatabase) async throws -> Survey {
        if dialect == .postgres { return try await self.sampledSurvey(search, entity: entity, db: db) }
        let first = SearchIndex.documentId(entity, 0)
        let row = try await db.raw("""
            SELECT COUNT(*) AS found, MAX(rowid) - \(bind: first) AS reached FROM (SELECT rowid FROM search_index
            WHERE \(self.matching(search, entity: entity, dialect: dialect)) LIMIT \(bind: self.fewMatches)) AS counted
            """).first()
        let found = try row?.decode(column: "found", as: Int.self) ?? 0
        guard found >= self.fewMatches else { return Survey(plan: .amongMatches, estimate: nil) }
        let reached = max(try row?.decode(column: "reached", as: Int64?.self) ?? 1, 1)
        let estimate = Double(found) * Double(max(try await self.lastId(entity, db: db), reached)) / Double(reached)
        let asSet = self.necessaryConditions(search, entity: entity) == nil && estimate < Double(self.setAtMost)
        return Survey(plan: .walkingTheList(asSet: asSet), estimate: estimate)
    }

    static let sample = 2_000

    /// The index's key column: SQLite's rowid, PostgreSQL's doc_id.
    static func document(_ dialect: Dialect) -> SQLRaw { SQLRaw(dialect == .sqlite ? "rowid" : "doc_id") }

    static func sampledSurvey(_ search: String, entity: EntityDefinition, db: any SQLDatabase) async throws -> Survey {
        let first = SearchIndex.documentId(entity, 0)
        let row = try await db.raw("""
            SELECT COUNT(*) FILTER (WHERE \(SearchIndex.match(search, dialect: .postgres))) AS found, COUNT(*) AS sampled FROM
            (SELECT terms FROM search_index WHERE doc_id BETWEEN \(bind: first) AND \(bind: first + SearchIndex.entityStride - 1)
            ORDER BY doc_id DESC LIMIT \(bind: self.sample)) AS sampled
            """).first()
        let found = try row?.decode(column: "found", as: Int.self) ?? 0
        let sampled = try row?.decode(column: "sampled", as: Int.self) ?? 0
        // A sample short of its size was the whole index: then the count is exact.
        guard sampled == self.sample, found > 0 else {
            return found >= self.fewMatches ? Survey(plan: .walkingTheList(asSet: false), estimate: Double(found)) : Survey(plan: .amongMatches, estimate: nil)
        }
        let estimate = Double(found) * Double(try await self.lastId(entity, db: db)) / Double(sampled)
        return estimate >= Double(self.fewMatches) ? Survey(plan: .walkingTheList(asSet: false), estimate: estimate) : Survey(plan: .amongMatches, estimate: nil)
    }

    static func lastId(_ entity: EntityDefinition, db: any SQLDatabase) async throws -> Int64 {
        try await db.raw("SELECT MAX(id) AS last FROM \(ident: entity.table)").first()?.decode(column: "last", as: Int64?.self) ?? 0
    }

    /// The condition on a list's rows: the index's matches as a set, or a test of each row.
    static func condition(_ search: String, plan: Plan, entity: EntityDefinition, dialect: Dialect) -> SQLQueryString {
        switch plan {
        case .amongMatches: SQLQueryString("id IN \(self.matchedIds(search, entity: entity, dialect: dialect))")
        case .walkingTheList(let asSet): self.rowTest(search, asSet: asSet, entity: entity, dialect: dialect)
        }
    }

    /// The record ids of the entity's matches, as a subquery.
    static func matchedIds(_ search: String, entity: EntityDefinition, dialect: Dialect) -> SQLQueryString {
        SQLQueryString("""
            (SELECT \(self.document(dialect)) - \(bind: SearchIndex.documentId(entity, 0)) FROM search_index WHERE \(self.matching(search, entity: entity, dialect: dialect)))
            """)
    }

    /// A test of each row the walk reaches. Asking the index about one record is cheap on
    /// PostgreSQL (its key and its words) but costs SQLite's full-text index 20 to 40 µs, so
    /// there a row must first pass the `LIKE` patterns its Han words imply, which only rows that
    /// match and a few others do; a search without Han words that is not too common reads the
    /// matches once instead, as a set the walk looks rows up in.
    static func rowTest(_ search: String, asSet: Bool, entity: EntityDefinition, dialect: Dialect) -> SQLQueryString {
        let id = SQLQueryString("\(ident: entity.table).id")
        // The unary plus keeps SQLite from driving the query by the set's ids.
        if asSet { return SQLQueryString("+\(id) IN \(self.matchedIds(search, entity: entity, dialect: dialect))") }
        // A scalar subquery, so that PostgreSQL tests row by row in the list's order rather
        // than joining all the matches first.
        let probe = SQLQueryString("""
            (SELECT COUNT(*) FROM search_index WHERE \(SearchIndex.match(search, dialect: dialect))
            AND \(self.document(dialect)) = \(id) + \(bind: SearchIndex.documentId(entity, 0))) > 0
            """)
        // PostgreSQL needs no patterns, and would take their many LIKEs for a rare condition
        // and stop walking the list's order.
        let patterns = dialect == .sqlite ? self.necessaryConditions(search, entity: entity) : nil
        return patterns.map { SQLQueryString("\($0) AND \(probe)") } ?? probe
    }

    /// For each Han word of the search, some searched field matching its pattern; nil when the
    /// search has no Han word.
    static func necessaryConditions(_ search: String, entity: EntityDefinition) -> SQLQueryString? {
        let patterns = SearchTerms.queryWords(search).compactMap(SearchTerms.necessaryPattern)
        let fields = entity.searchedFields.filter { $0.type.storage == .text }
        guard !patterns.isEmpty, !fields.isEmpty else { return nil }
        let each = patterns.map { pattern in
            SQLGroupExpression(SQLList(fields.map { SQLQueryString("\(ident: entity.table).\(ident: $0.key) LIKE \(bind: pattern)") as any SQLExpression },
                                       separator: SQLRaw(" OR "))) as any SQLExpression
        }
        return SQLQueryString("\(SQLList(each, separator: SQLRaw(" AND ")))")
    }

    /// Entries of `entity` matching the words: its entries are one run of document ids, which
    /// both indexes read as a range rather than by each entry's stored entity.
    static func matching(_ search: String, entity: EntityDefinition, dialect: Dialect) -> SQLQueryString {
        let first = SearchIndex.documentId(entity, 0)
        return SQLQueryString("""
            \(SearchIndex.match(search, dialect: dialect)) AND \(self.document(dialect)) BETWEEN \(bind: first) AND \(bind: first + SearchIndex.entityStride - 1)
            """)
    }
}
