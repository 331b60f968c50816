extension SystemMigrations {
    static func authentication(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE sessions (id TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id),
              csrf_token TEXT NOT NULL, created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL,
              ip TEXT NOT NULL DEFAULT '', user_agent TEXT NOT NULL DEFAULT '', ended_at BIGINT)
            """,
            "CREATE INDEX ix_sessions_user ON sessions (user_id, created_at)",
            """
            CREATE TABLE api_tokens (id \(d.idColumn), user_id BIGINT NOT NULL REFERENCES users(id),
              name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL,
              created_at BIGINT NOT NULL, last_used_at BIGINT, expires_at BIGINT, revoked_at BIGINT)
            """,
            "CREATE INDEX ix_api_tokens_user ON api_tokens (user_id)",
            "CREATE TABLE sign_in_failures (id \(d.idColumn), username TEXT NOT NULL, ip TEXT NOT NULL, at BIGINT NOT NULL)",
            "CREATE INDEX ix_sign_in_failures_ip ON sign_in_failures (ip, at)",
        ]
    }
}
