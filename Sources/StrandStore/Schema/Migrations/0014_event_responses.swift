extension SystemMigrations {
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
}
