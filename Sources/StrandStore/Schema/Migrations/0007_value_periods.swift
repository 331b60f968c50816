extension SystemMigrations {
    /// Each value a tracked field has had, from when to when: an opportunity's stages, a
    /// customer's owners. The open period has no end.
    static func valuePeriods(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE value_periods (id \(d.idColumn), entity TEXT NOT NULL, record_id BIGINT NOT NULL, field TEXT NOT NULL,
              value TEXT NOT NULL, started_at BIGINT NOT NULL, ended_at BIGINT, started_by BIGINT)
            """,
            "CREATE INDEX ix_value_periods_record ON value_periods (entity, record_id, field, started_at)",
        ]
    }
}
