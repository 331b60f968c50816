extension SystemMigrations {
    /// Sales targets per period and person or department; records shared with collaborators
    /// (read or edit), found by the person they are shared with; departments whose new
    /// customers wait for a manager's review.
    static func targetsSharesReviews(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE sales_targets (id \(d.idColumn), period TEXT NOT NULL, kind TEXT NOT NULL, member_id BIGINT NOT NULL,
              base BIGINT NOT NULL, stretch BIGINT NOT NULL, updated_by BIGINT, updated_at BIGINT NOT NULL,
              UNIQUE (period, kind, member_id))
            """,
            """
            CREATE TABLE record_shares (entity TEXT NOT NULL, record_id BIGINT NOT NULL, user_id BIGINT NOT NULL REFERENCES users(id),
              access TEXT NOT NULL, created_by BIGINT, created_at BIGINT NOT NULL, PRIMARY KEY (entity, record_id, user_id))
            """,
            "CREATE INDEX ix_record_shares_user ON record_shares (user_id, entity, access, record_id)",
            "ALTER TABLE departments ADD COLUMN reviews_customers BIGINT NOT NULL DEFAULT 0",
            // Report indexes that now hold more columns, or others in another order; the entity
            // plan, which runs next, builds them anew.
            "DROP INDEX IF EXISTS ix_opportunities_report_owner_id_pipeline_stage",
            "DROP INDEX IF EXISTS ix_opportunities_report_pipeline_status_expected_close",
        ]
    }
}
