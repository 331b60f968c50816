extension SystemMigrations {
    /// One index for every searchable entity, holding the words of `SearchTerms` and the owner
    /// and department, so that a search applies the data scope without touching the records.
    static func searchIndex(_ d: Dialect) -> [String] {
        switch d {
        case .sqlite:
            [
                """
                CREATE VIRTUAL TABLE search_index USING fts5(terms, entity UNINDEXED, record_id UNINDEXED,
                  owner_id UNINDEXED, department_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0',
                  detail = none, columnsize = 0)
                """,
            ]
        case .postgres:
            [
                """
                CREATE TABLE search_index (doc_id BIGINT PRIMARY KEY, entity BIGINT NOT NULL, record_id BIGINT NOT NULL,
                  owner_id BIGINT, department_id BIGINT, terms tsvector NOT NULL)
                """,
                "CREATE INDEX ix_search_terms ON search_index USING GIN (terms)",
            ]
        }
    }
}
