extension SystemMigrations {
    static func auditAndViews(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE audit_log (id \(d.idColumn), at BIGINT NOT NULL, user_id BIGINT, ip TEXT NOT NULL DEFAULT '',
              action TEXT NOT NULL, entity TEXT NOT NULL, record_id BIGINT, record_version BIGINT,
              changes TEXT NOT NULL DEFAULT '{}')
            """,
            "CREATE INDEX ix_audit_record ON audit_log (entity, record_id, id)",
            "CREATE INDEX ix_audit_user ON audit_log (user_id, id)",
            """
            CREATE TABLE saved_views (id \(d.idColumn), user_id BIGINT NOT NULL REFERENCES users(id),
              entity TEXT NOT NULL, name TEXT NOT NULL, query TEXT NOT NULL, shared BIGINT NOT NULL DEFAULT 0,
              created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX ix_saved_views_user ON saved_views (user_id, entity)",
        ]
    }
}
