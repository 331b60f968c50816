extension SystemMigrations {
    static func directory(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE departments (id \(d.idColumn), name TEXT NOT NULL,
              parent_id BIGINT REFERENCES departments(id), sort_order BIGINT NOT NULL DEFAULT 0,
              version BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE roles (id \(d.idColumn), key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
              definition TEXT NOT NULL, built_in BIGINT NOT NULL DEFAULT 0,
              version BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE users (id \(d.idColumn), username TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
              password_hash TEXT NOT NULL, department_id BIGINT REFERENCES departments(id),
              active BIGINT NOT NULL DEFAULT 1, email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
              language TEXT NOT NULL DEFAULT 'zh-Hans', time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai',
              failed_logins BIGINT NOT NULL DEFAULT 0, locked_until BIGINT,
              version BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE user_roles (user_id BIGINT NOT NULL REFERENCES users(id),
              role_id BIGINT NOT NULL REFERENCES roles(id), PRIMARY KEY (user_id, role_id))
            """,
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ]
    }
}
