import SQLKit
import StrandCore

/// Keeps the shared search index in step with records, and queries it under a data scope.
public enum SearchIndex {
    /// An entry's id is its entity's `searchCode` times this plus the record's id: each entity's
    /// entries are one run of ids, a word's list of entries stores small steps between them, and
    /// a record may have an id up to 2^40.
    public static let entityStride: Int64 = 1 << 40

    static func documentId(_ entity: EntityDefinition, _ recordId: Int64) -> Int64 {
        Int64(entity.searchCode) * Self.entityStride + recordId
    }

    /// A record's entry as the record is now: its words, or none once it is deleted or has none.
    static func put(_ entity: EntityDefinition, _ record: Record, dialect: Dialect, db: any SQLDatabase) async throws {
        let words = SearchTerms.words(for: entity, values: record.values)
        let kept = record.deletedAt == nil && !words.isEmpty
        // SQLite's FTS table cannot replace a row by key; PostgreSQL's insert below does.
        if dialect == .sqlite || !kept { try await self.remove(entity, record.id, dialect: dialect, db: db) }
        if kept { try await self.add(entity, [(record, words)], dialect: dialect, db: db) }
    }

    /// New records' entries; records without words have none.
    static func words(_ entity: EntityDefinition, _ records: [Record]) -> [(Record, String)] {
        records.compactMap { record in
            let words = SearchTerms.words(for: entity, values: record.values)
            return words.isEmpty ? nil : (record, words)
        }
    }

    /// Entries of records and their words (those `words` made), many to a statement.
    static func add(_ entity: EntityDefinition, _ entries: [(Record, String)], dialect: Dialect, db: any SQLDatabase) async throws {
        let rows = entries.map { record, words in self.entry(entity, id: record.id, owner: record.ownerId, department: record.departmentId, words: words) }
        for insert in self.inserts(rows, dialect: dialect) { try await insert.run(on: db) }
    }

    /// An entry as the index's columns hold it, in the order `inserts` writes them.
    static func entry(_ entity: EntityDefinition, id: Int64, owner: Int64?, department: Int64?, words: String) -> [FieldValue] {
        [.integer(self.documentId(entity, id)), .integer(Int64(entity.searchCode)), .integer(id), .integer(or: owner), .integer(or: department), .text(words)]
    }

    /// The statements writing `entry` rows; PostgreSQL's table (unlike SQLite's FTS) replaces an entry by key.
    static func inserts(_ entries: [[FieldValue]], dialect: Dialect) -> [BulkInsert] {
        switch dialect {
        case .sqlite:
            BulkInsert.statements(table: "search_index", columns: ["rowid", "entity", "record_id", "owner_id", "department_id", "terms"], rows: entries)
        case .postgres:
            BulkInsert.statements(table: "search_index", columns: ["doc_id", "entity", "record_id", "owner_id", "department_id", "terms"], rows: entries,
                                  termsColumn: 5, suffix: """
                                      ON CONFLICT (doc_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, department_id = EXCLUDED.department_id, terms = EXCLUDED.terms
                                      """)
        }
    }

    /// Gives the entries of the records `ids` selects another owner and department, keeping their words.
    static func move(_ entity: EntityDefinition, ids: SQLQueryString, owner: Int64?, department: Int64?,
                     dialect: Dialect, db: any SQLDatabase) async throws {
        try await self.move(SQLQueryString("SELECT id + \(bind: Int64(entity.searchCode) * Self.entityStride) FROM (\(ids)) AS moved"),
                            owner: owner, department: department, dialect: dialect, db: db)
    }

    static func move(_ entity: EntityDefinition, recordIds: [Int64], owner: Int64?, department: Int64?,
                     dialect: Dialect, db: any SQLDatabase) async throws {
        guard !recordIds.isEmpty else { return }
        let docs = SQLList(recordIds.map { SQLBind(self.documentId(entity, $0)) })
        try await self.move(SQLQueryString("\(docs)"), owner: owner, department: department, dialect: dialect, db: db)
    }

    private static func move(_ docs: SQLQueryString, owner: Int64?, department: Int64?, dialect: Dialect,
                             db: any SQLDatabase) async throws {
        let column = SQLRaw(dialect == .sqlite ? "rowid" : "doc_id")
        try await db.raw("""
            UPDATE search_index SET owner_id = \(bind: owner), department_id = \(bind: department) WHERE \(column) IN (\(docs))
            """).run()
    }

    static func remove(_ entity: EntityDefinition, _ recordId: Int64, dialect: Dialect, db: any SQLDatabase) async throws {
        let doc = self.documentId(entity, recordId)
        let column = SQLRaw(dialect == .sqlite ? "rowid" : "doc_id")
        try await db.raw("DELETE FROM search_index WHERE \(column) = \(bind: doc)").run()
    }

    /// The index condition for what a person typed: every word must start one of a record's terms.
    static func match(_ query: String, dialect: Dialect) -> SQLQueryString {
        let words = SearchTerms.queryWords(query)
        switch dialect {
        case .sqlite:
            let expression = words.map { (word: SearchTerms.QueryWord) -> String in "\"\(word.text)\"" + (word.prefix ? "*" : "") }
                .joined(separator: " AND ")
            return SQLQueryString("search_index MATCH \(bind: expression)")
        case .postgres:
            let expression = words.map { (word: SearchTerms.QueryWord) -> String in "'\(word.text)'" + (word.prefix ? ":*" : "") }
                .joined(separator: " & ")
            return SQLQueryString("terms @@ \(bind: expression)::tsquery")
        }
    }

    public struct Hit: Sendable, Equatable {
        public let entity: String
        public let recordId: Int64
    }

    /// The scope on the index's own columns: owner and department, and the record itself
    /// when it is shared with the reader.
    static func scope(_ filter: ScopeFilter, _ entity: EntityDefinition) -> any SQLExpression {
        guard let shares = filter.shares, entity.ownership == .owned else { return filter.condition }
        return SQLQueryString("\(filter.condition) OR record_id IN \(RecordShares.sharedIds(entity.key, with: shares))")
    }

    /// Up to `limit` matches across `entities`, each within the scope the actor may view.
    public static func search(_ query: String, entities: [EntityDefinition], actor: Actor, limit: Int,
                              dialect: Dialect, db: any SQLDatabase) async throws -> [Hit] {
        guard !SearchTerms.queryWords(query).isEmpty else { return [] }
        let reachable = entities.filter { actor.can(.view, on: $0.key) }
        guard !reachable.isEmpty else { return [] }
        let scopes = reachable.map { entity in
            SQLQueryString("(entity = \(bind: Int64(entity.searchCode)) AND (\(self.scope(actor.filter(.view, on: entity.key), entity))))") as any SQLExpression
        }
        let rows = try await db.raw("""
            SELECT entity, record_id FROM search_index WHERE \(self.match(query, dialect: dialect))
            AND (\(SQLList(scopes, separator: SQLRaw(" OR ")))) LIMIT \(bind: limit)
            """).all()
        return try rows.compactMap { row in
            let code = try row.decode(column: "entity", as: Int64.self)
            guard let entity = reachable.first(where: { Int64($0.searchCode) == code }) else { return nil }
            return Hit(entity: entity.key, recordId: try row.decode(column: "record_id", as: Int64.self))
        }
    }
}

extension SearchIndex {
    static func removeChildren(_ child: EntityDefinition, link: String, parentId: Int64, dialect: Dialect,
                               db: any SQLDatabase) async throws {
        let column = SQLRaw(dialect == .sqlite ? "rowid" : "doc_id")
        try await db.raw("""
            DELETE FROM search_index WHERE \(column) IN
            (SELECT id + \(bind: Int64(child.searchCode) * Self.entityStride) FROM \(ident: child.table) WHERE \(ident: link) = \(bind: parentId) AND deleted_at IS NULL)
            """).run()
    }
}
