extension SystemMigrations {
    /// Notes: a person's own sticky notes (no record) and notes left on a record for whoever
    /// reads it.
    static func notes(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE notes (id \(d.idColumn), user_id BIGINT NOT NULL REFERENCES users(id), entity TEXT NOT NULL DEFAULT '',
              record_id BIGINT NOT NULL DEFAULT 0, content TEXT NOT NULL, created_at BIGINT NOT NULL, deleted_at BIGINT)
            """,
            "CREATE INDEX ix_notes_record ON notes (entity, record_id, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_notes_user ON notes (user_id, entity, id) WHERE deleted_at IS NULL",
        ]
    }
}
