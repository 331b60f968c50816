extension SystemMigrations {
    /// Uploaded files: the bytes live in the data directory, this row says what they are and,
    /// once attached, which record they belong to (whose scope then guards them).
    static func files(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE files (id TEXT PRIMARY KEY, name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL,
              sha256 TEXT NOT NULL, uploaded_by BIGINT NOT NULL, uploaded_at BIGINT NOT NULL, entity TEXT, record_id BIGINT)
            """,
            "CREATE INDEX ix_files_record ON files (entity, record_id)",
        ]
    }
}
