extension SystemMigrations {
    /// Sign-in limits (H1): guesses counted per address, and the address each user last signed
    /// in from, which that address's limit then leaves alone.
    static func signInThrottle(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE sign_in_addresses (ip TEXT PRIMARY KEY, failures BIGINT NOT NULL, window_start BIGINT NOT NULL,
              blocked_until BIGINT)
            """,
            "ALTER TABLE users ADD COLUMN last_sign_in_ip TEXT NOT NULL DEFAULT ''",
        ]
    }
}
