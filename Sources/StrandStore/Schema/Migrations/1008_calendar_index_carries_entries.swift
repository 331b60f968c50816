extension SystemMigrations {
    /// The calendar's index now carries what a calendar shows (`EventRules.shownColumns`).
    static func calendarIndexCarriesEntries(_ d: Dialect) -> [String] {
        ["DROP INDEX IF EXISTS ix_events_report_owner_id_repetition_multi_day", "DROP INDEX IF EXISTS ix_events_report_owner_id_repetition_repeat_until"]
    }
}
