extension SystemMigrations {
    /// Daily and weekly work reports (日报/周报), one per person, kind and period, with the
    /// manager's comment.
    static func workReports(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE work_reports (id \(d.idColumn), user_id BIGINT NOT NULL REFERENCES users(id), kind TEXT NOT NULL, period TEXT NOT NULL,
              done TEXT NOT NULL, plan TEXT NOT NULL, problems TEXT NOT NULL, submitted_at BIGINT NOT NULL, comment TEXT NOT NULL DEFAULT '',
              commented_by BIGINT, commented_at BIGINT, UNIQUE (user_id, kind, period))
            """,
            "CREATE INDEX ix_work_reports_period ON work_reports (kind, period, user_id)",
        ]
    }
}
