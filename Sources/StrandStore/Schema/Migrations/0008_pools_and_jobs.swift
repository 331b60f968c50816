extension SystemMigrations {
    /// Public pools with their members and what happened in them; the runs of scheduled jobs,
    /// one row per job and period so that only one process runs each; people's notifications.
    static func poolsAndJobs(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE pools (id \(d.idColumn), name TEXT NOT NULL, rules TEXT NOT NULL, is_default BIGINT NOT NULL DEFAULT 0,
              version BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE pool_members (pool_id BIGINT NOT NULL REFERENCES pools(id), kind TEXT NOT NULL, member_id BIGINT NOT NULL,
              is_admin BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (pool_id, kind, member_id))
            """,
            """
            CREATE TABLE pool_events (id \(d.idColumn), pool_id BIGINT NOT NULL, customer_id BIGINT NOT NULL, kind TEXT NOT NULL,
              user_id BIGINT, actor_id BIGINT, reason TEXT NOT NULL DEFAULT '', at BIGINT NOT NULL)
            """,
            "CREATE INDEX ix_pool_events_user ON pool_events (user_id, kind, at)",
            "CREATE INDEX ix_pool_events_customer ON pool_events (customer_id, id)",
            """
            CREATE TABLE job_runs (job TEXT NOT NULL, period TEXT NOT NULL, runner TEXT NOT NULL, started_at BIGINT NOT NULL,
              finished_at BIGINT, outcome TEXT NOT NULL DEFAULT '', PRIMARY KEY (job, period))
            """,
            """
            CREATE TABLE notifications (id \(d.idColumn), user_id BIGINT NOT NULL, kind TEXT NOT NULL, entity TEXT NOT NULL,
              record_id BIGINT NOT NULL, params TEXT NOT NULL DEFAULT '{}', created_at BIGINT NOT NULL, read_at BIGINT)
            """,
            "CREATE INDEX ix_notifications_user ON notifications (user_id, read_at, id)",
        ]
    }
}
