extension SystemMigrations {
    /// What reaches people: reminders waiting for their time (the pending ones by when they are
    /// due), the records people follow, how each wants to be reminded, the mail sent for
    /// notifications (the outbox and the record of every message), and calendar feed tokens.
    static func remindersFollowsMail(_ d: Dialect) -> [String] {
        [
            "CREATE INDEX ix_notifications_user_id ON notifications (user_id, id)",
            """
            CREATE TABLE reminders (id \(d.idColumn), user_id BIGINT NOT NULL, entity TEXT NOT NULL, record_id BIGINT NOT NULL,
              occurs_at BIGINT NOT NULL, fire_at BIGINT NOT NULL, fired_at BIGINT, UNIQUE (entity, record_id, user_id, occurs_at))
            """,
            "CREATE INDEX ix_reminders_pending ON reminders (fire_at) WHERE fired_at IS NULL",
            """
            CREATE TABLE follows (entity TEXT NOT NULL, record_id BIGINT NOT NULL, user_id BIGINT NOT NULL REFERENCES users(id),
              created_at BIGINT NOT NULL, PRIMARY KEY (entity, record_id, user_id))
            """,
            "CREATE INDEX ix_follows_user ON follows (user_id, created_at)",
            """
            CREATE TABLE notice_preferences (user_id BIGINT PRIMARY KEY REFERENCES users(id), event_minutes BIGINT, due_days BIGINT,
              due_hour BIGINT NOT NULL, email BIGINT NOT NULL)
            """,
            """
            CREATE TABLE mail_messages (id \(d.idColumn), user_id BIGINT, notification_id BIGINT, to_address TEXT NOT NULL,
              subject TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', state TEXT NOT NULL DEFAULT 'queued',
              attempts BIGINT NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL, sent_at BIGINT, last_error TEXT NOT NULL DEFAULT '',
              created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX ix_mail_messages_queue ON mail_messages (state, next_attempt_at)",
            "CREATE INDEX ix_mail_messages_created ON mail_messages (created_at, id)",
            "CREATE TABLE calendar_feeds (user_id BIGINT PRIMARY KEY REFERENCES users(id), token_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL)",
        ]
    }
}
