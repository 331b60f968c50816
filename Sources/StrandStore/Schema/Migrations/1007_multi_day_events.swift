import StrandCore

extension SystemMigrations {
    /// Events saved before a calendar told the ones lasting over a day apart.
    static func multiDayEvents(_ d: Dialect) -> [String] {
        ["UPDATE events SET multi_day = 1 WHERE ends_at - starts_at > \(EventRules.day)",
         "DROP INDEX IF EXISTS ix_events_report_owner_id_repetition_starts_at"]
    }
}
