extension SystemMigrations {
    /// The columns each person chose for an entity's list (and so for its export).
    static func listColumns(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE list_columns (user_id BIGINT NOT NULL REFERENCES users(id), entity TEXT NOT NULL, columns TEXT NOT NULL,
              updated_at BIGINT NOT NULL, PRIMARY KEY (user_id, entity))
            """,
        ]
    }
}
