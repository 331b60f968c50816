extension SystemMigrations {
    /// One-time tokens of forms that create (H1): a submit sent twice is answered with what the
    /// first made, not with a second record.
    static func formTokens(_ d: Dialect) -> [String] {
        [
            "CREATE TABLE form_tokens (token TEXT PRIMARY KEY, user_id BIGINT NOT NULL, result TEXT NOT NULL DEFAULT '', at BIGINT NOT NULL)",
            "CREATE INDEX ix_form_tokens_at ON form_tokens (at)",
        ]
    }
}
