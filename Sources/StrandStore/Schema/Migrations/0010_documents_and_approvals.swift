extension SystemMigrations {
    /// Document number counters per entity and period; earlier revisions of documents; approval
    /// requests and their steps, found by record and by the approver a step waits on.
    static func documentsAndApprovals(_ d: Dialect) -> [String] {
        [
            "CREATE TABLE document_sequences (entity TEXT NOT NULL, period TEXT NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (entity, period))",
            """
            CREATE TABLE record_revisions (entity TEXT NOT NULL, record_id BIGINT NOT NULL, revision BIGINT NOT NULL,
              record_version BIGINT NOT NULL, "values" TEXT NOT NULL, created_by BIGINT, created_at BIGINT NOT NULL,
              PRIMARY KEY (entity, record_id, revision))
            """,
            """
            CREATE TABLE approvals (id \(d.idColumn), entity TEXT NOT NULL, record_id BIGINT NOT NULL, revision BIGINT NOT NULL,
              flow_key TEXT NOT NULL, flow_name TEXT NOT NULL, requester_id BIGINT NOT NULL, state TEXT NOT NULL,
              created_at BIGINT NOT NULL, finished_at BIGINT)
            """,
            "CREATE INDEX ix_approvals_record ON approvals (entity, record_id, id)",
            """
            CREATE TABLE approval_steps (approval_id BIGINT NOT NULL REFERENCES approvals(id), position BIGINT NOT NULL,
              approver_id BIGINT, state TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', acted_by BIGINT, acted_at BIGINT,
              PRIMARY KEY (approval_id, position))
            """,
            "CREATE INDEX ix_approval_steps_queue ON approval_steps (state, approver_id, approval_id)",
        ]
    }
}
