import SQLKit
import StrandCore

/// Reads records, always through a scope filter, so no page, search or export can forget it.
public enum RecordStore {
    /// `lockingOn: .postgres` locks the row until the transaction ends, so a read-then-write
    /// inside one is not overtaken (SQLite's `BEGIN IMMEDIATE` already holds the write lock).
    public static func find(_ entity: EntityDefinition, id: Int64, scope: ScopeFilter,
                            deleted: Bool = false, lockingOn dialect: Dialect? = nil, db: any SQLDatabase) async throws -> Record? {
        var conditions = SQLConditions()
        conditions.add(SQLQueryString("id = \(bind: id)"))
        conditions.add(SQLRaw(deleted ? "deleted_at IS NOT NULL" : "deleted_at IS NULL"))
        conditions.add(scope.condition(on: entity))
        let lock = SQLRaw(dialect == .postgres ? " FOR UPDATE" : "")
        let row = try await db.raw("SELECT * FROM \(ident: entity.table) WHERE \(conditions.expression)\(lock)").first()
        return try row.map { try Record.decode($0, entity: entity) }
    }

    /// Live records with these ids that the scope reaches, in no particular order.
    public static func find(_ entity: EntityDefinition, ids: [Int64], scope: ScopeFilter,
                            db: any SQLDatabase) async throws -> [Record] {
        guard !ids.isEmpty else { return [] }
        var conditions = SQLConditions()
        conditions.add(SQLQueryString("id IN \(SQLGroupExpression.binds(ids))"))
        conditions.add(SQLRaw("deleted_at IS NULL"))
        conditions.add(scope.condition(on: entity))
        return try await db.raw("SELECT * FROM \(ident: entity.table) WHERE \(conditions.expression)").all()
            .map { try Record.decode($0, entity: entity) }
    }

    public static func list(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter,
                            dialect: Dialect, db: any SQLDatabase) async throws -> Page {
        try await self.list(entity, query: query, scope: scope, dialect: dialect, db: db, searchPlan: nil)
    }

    /// Everyone who may own a record, former staff too, in the pinyin order of their names.
    static func peopleByName(db: any SQLDatabase) async throws -> [Int64] {
        let people = try await db.raw("SELECT id, name FROM users").all().map {
            (id: try $0.decode(column: "id", as: Int64.self), key: Pinyin.sortKey(try $0.decode(column: "name", as: String.self)))
        }
        return people.sorted { ($0.key, $0.id) < ($1.key, $1.id) }.map(\.id)
    }

    /// A chosen `searchPlan` is for tests, which show that every plan gives the same pages.
    static func list(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter, dialect: Dialect,
                     db: any SQLDatabase, searchPlan chosen: ListSearch.Plan?) async throws -> Page {
        let sort = try ListPlan.checkedSort(query.sort, entity: entity)
        let backward = query.cursor?.backward ?? false
        let descending = sort.descending != backward
        let owners = sort.column == SortPlan.ownerColumn ? try await self.peopleByName(db: db) : []
        let plan = SortPlan(sort, entity: entity, descending: descending, ownersByName: owners)
        var searchPlan = chosen
        var survey: ListSearch.Survey?
        if searchPlan == nil, let search = query.search, !SearchTerms.queryWords(search).isEmpty {
            survey = try await ListSearch.survey(search, entity: entity, dialect: dialect, db: db)
            searchPlan = survey?.plan
        }
        // Newest first over a manager's scope reads each part of it in its own index order and
        // merges; one query with an OR over them would walk the whole table's update order. A
        // filter or a rare word has an index of its own, which serves better.
        let plain = query.filters.isEmpty && searchPlan != .amongMatches
        let parts = sort.column == "updated_at" && plain ? scope.orderedParts(on: entity) : nil
        var found: [Record] = []
        // Each part of a scope is read in full and merged; each stretch of a sort follows the last.
        let reads: [(part: any SQLExpression, stretch: SortPlan.Stretch)] = parts?.map { ($0, .all) }
            ?? plan.stretches(from: query.cursor).map { (scope.condition(on: entity), $0) }
        for read in reads where parts != nil || found.count <= query.limit {
            var conditions = try ListPlan.conditions(entity, query: query, scopeCondition: read.part, dialect: dialect,
                                                     searchPlan: searchPlan ?? .amongMatches)
            if let stretch = plan.condition(read.stretch) { conditions.add(stretch) }
            if let cursor = query.cursor, plan.stretch(of: cursor) == read.stretch {
                conditions.add(plan.after(cursor, in: read.stretch))
            }
            let limit = parts == nil ? query.limit + 1 - found.count : query.limit + 1
            found += try await db.raw("""
                SELECT * FROM \(ident: entity.table) WHERE \(conditions.expression) ORDER BY \(plan.order(read.stretch)) LIMIT \(bind: limit)
                """).all().map { try Record.decode($0, entity: entity) }
        }
        if parts != nil {
            var seen = Set<Int64>()
            found = found.filter { seen.insert($0.id).inserted }
                .sorted { descending ? ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) : ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
        }
        var records = Array(found.prefix(query.limit))
        let more = found.count > query.limit
        if backward { records.reverse() }
        let cursorFor = { (record: Record, backward: Bool) in ListPlan.cursor(at: record, column: sort.column, entity: entity, backward: backward) }
        let next = (backward || more) ? records.last.map { cursorFor($0, false) } : nil
        let previous = (backward ? more : query.cursor != nil) ? records.first.map { cursorFor($0, true) } : nil
        var page = Page(records: records, next: next, previous: previous)
        // A first page that holds every match has counted them.
        if query.counting, query.cursor == nil, !more {
            page.matches = MatchCount(count: records.count, exact: true)
        } else if query.counting {
            let matches = try await MatchCount.of(entity, query: query, scope: scope, searchPlan: searchPlan ?? .amongMatches,
                                                  estimatedMatches: survey?.estimate, dialect: dialect, db: db)
            // An estimate is never fewer than the page shows.
            page.matches = matches.exact ? matches : MatchCount(count: max(matches.count, records.count + (more ? 1 : 0)), exact: false)
        }
        return page
    }
}
