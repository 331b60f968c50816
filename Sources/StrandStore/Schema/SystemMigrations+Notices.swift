import StrandCore

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

    /// Each participant's answer to an event's invitation, with when the event starts, whether
    /// it repeats and until when it is held (nil while it repeats without end), so a calendar
    /// finds the invitations of its window by a range of one index.
    static func eventResponses(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE event_responses (event_id BIGINT NOT NULL, user_id BIGINT NOT NULL REFERENCES users(id),
              response TEXT NOT NULL, responded_at BIGINT, starts_at BIGINT NOT NULL, repeating BIGINT NOT NULL, ends_by BIGINT,
              PRIMARY KEY (event_id, user_id))
            """,
            "CREATE INDEX ix_event_responses_user ON event_responses (user_id, repeating, starts_at)",
        ]
    }

    /// Notes: a person's own sticky notes (no record) and notes left on a record for whoever
    /// reads it.
    static func notes(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE notes (id \(d.idColumn), user_id BIGINT NOT NULL REFERENCES users(id), entity TEXT NOT NULL DEFAULT '',
              record_id BIGINT NOT NULL DEFAULT 0, content TEXT NOT NULL, created_at BIGINT NOT NULL, deleted_at BIGINT)
            """,
            "CREATE INDEX ix_notes_record ON notes (entity, record_id, id) WHERE deleted_at IS NULL",
            "CREATE INDEX ix_notes_user ON notes (user_id, entity, id) WHERE deleted_at IS NULL",
        ]
    }

    /// Daily and weekly work reports (日报/周报), one per person, kind and period, with the
    /// manager's comment.
    static func workReports(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE work_reports (id \(d.idColumn), user_id BIGINT NOT NULL REFERENCES users(id), kind TEXT NOT NULL, period TEXT NOT NULL,
              done TEXT NOT NULL, plan TEXT NOT NULL, problems TEXT NOT NULL, submitted_at BIGINT NOT NULL, comment TEXT NOT NULL DEFAULT '',
              commented_by BIGINT, commented_at BIGINT, UNIQUE (user_id, kind, period))
            """,
            "CREATE INDEX ix_work_reports_period ON work_reports (kind, period, user_id)",
        ]
    }
}
