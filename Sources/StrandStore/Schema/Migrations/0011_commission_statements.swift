extension SystemMigrations {
    /// Months whose commissions are closed, and the statements kept for them.
    static func commissionStatements(_ d: Dialect) -> [String] {
        [
            "CREATE TABLE commission_closings (period TEXT PRIMARY KEY, closed_at BIGINT NOT NULL, closed_by BIGINT)",
            """
            CREATE TABLE commission_statements (period TEXT NOT NULL, user_id BIGINT NOT NULL, total BIGINT NOT NULL, lines TEXT NOT NULL,
              PRIMARY KEY (period, user_id))
            """,
        ]
    }
}
