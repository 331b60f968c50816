extension SystemMigrations {
    /// Imports (H6): the file as uploaded, what to do with it, how it went, and each record it
    /// created or updated (with the values an update replaced), so that it can be reverted.
    static func imports(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE imports (id \(d.idColumn), user_id BIGINT NOT NULL REFERENCES users(id), entity TEXT NOT NULL,
              file_name TEXT NOT NULL, kind TEXT NOT NULL, content \(d.blobColumn) NOT NULL, sheet BIGINT NOT NULL DEFAULT 0,
              encoding TEXT NOT NULL DEFAULT '', settings TEXT NOT NULL DEFAULT '{}', status TEXT NOT NULL DEFAULT 'draft',
              rows_total BIGINT NOT NULL DEFAULT 0, created BIGINT NOT NULL DEFAULT 0, updated BIGINT NOT NULL DEFAULT 0,
              skipped BIGINT NOT NULL DEFAULT 0, rejected BIGINT NOT NULL DEFAULT 0, rejects TEXT NOT NULL DEFAULT '[]',
              error TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT, reverted_at BIGINT)
            """,
            "CREATE INDEX ix_imports_user ON imports (user_id, id)",
            """
            CREATE TABLE import_items (import_id BIGINT NOT NULL REFERENCES imports(id), row_number BIGINT NOT NULL, record_id BIGINT NOT NULL,
              action TEXT NOT NULL, before TEXT NOT NULL DEFAULT '', version BIGINT NOT NULL, PRIMARY KEY (import_id, row_number))
            """,
            """
            CREATE TABLE import_mappings (id \(d.idColumn), entity TEXT NOT NULL, headers TEXT NOT NULL, mapping TEXT NOT NULL,
              updated_at BIGINT NOT NULL, UNIQUE (entity, headers))
            """,
        ]
    }
}
