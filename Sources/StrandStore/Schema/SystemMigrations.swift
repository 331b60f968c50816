import SQLKit
import StrandCore

/// Numbered migrations of the system tables. Each runs once, in order, recorded in
/// `schema_migrations`; entity tables are planned from their definitions instead. Each
/// migration is a file of its own in `Migrations/`, named by its version and name.
enum SystemMigrations {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: @Sendable (Dialect) -> [String]
        /// Work SQL alone cannot do, run after the statements in the same transaction.
        var data: (@Sendable (EntityCatalog, Dialect, any SQLDatabase) async throws -> Void)? = nil
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "directory", statements: directory),
        Migration(version: 2, name: "authentication", statements: authentication),
        Migration(version: 3, name: "audit_and_views", statements: auditAndViews),
        Migration(version: 4, name: "search_index", statements: searchIndex),
        Migration(version: 5, name: "files", statements: files),
        Migration(version: 6, name: "search_index_without_text", statements: searchIndexWithoutText),
        Migration(version: 7, name: "value_periods", statements: valuePeriods),
        Migration(version: 8, name: "pools_and_jobs", statements: poolsAndJobs),
        Migration(version: 9, name: "targets_shares_reviews", statements: targetsSharesReviews),
        Migration(version: 10, name: "documents_and_approvals", statements: documentsAndApprovals),
        Migration(version: 11, name: "commission_statements", statements: commissionStatements),
        Migration(version: 12, name: "search_index_merged_in_steps", statements: searchIndexMergedInSteps),
        Migration(version: 13, name: "reminders_follows_mail", statements: remindersFollowsMail),
        Migration(version: 14, name: "event_responses", statements: eventResponses),
        Migration(version: 15, name: "notes", statements: notes),
        Migration(version: 16, name: "work_reports", statements: workReports),
        Migration(version: 17, name: "imports", statements: imports),
        Migration(version: 18, name: "sign_in_throttle", statements: signInThrottle),
        Migration(version: 19, name: "form_tokens", statements: formTokens),
        Migration(version: 20, name: "list_columns", statements: listColumns),
    ]

    /// Data changes that need the entity tables as their definitions plan them, numbered on
    /// from 1001 so they never meet the system migrations' numbers.
    static let afterPlans: [Migration] = [
        Migration(version: 1001, name: "opportunity_pipeline_and_status", statements: opportunityPipelineAndStatus),
        Migration(version: 1002, name: "owned_customer_counts", statements: ownedCustomerCounts),
        Migration(version: 1003, name: "receivable_days", statements: receivableDays),
        Migration(version: 1004, name: "receivable_customers", statements: receivableCustomers),
        // Entries were keyed by record id times 16 while entities numbered past 15 (a payment's
        // entry could take a customer's): every entry again, keyed by `SearchIndex.entityStride`.
        Migration(version: 1005, name: "search_index_keyed_by_entity", statements: { _ in [] }, data: SearchIndex.rebuild),
        // Contacts saved before they kept when their birthday and anniversary next come round.
        Migration(version: 1006, name: "contact_care_days", statements: { _ in [] }, data: CareJob.fillNextDays),
        Migration(version: 1007, name: "multi_day_events", statements: multiDayEvents),
        Migration(version: 1008, name: "calendar_index_carries_entries", statements: calendarIndexCarriesEntries),
    ]
}

extension Dialect {
    var idColumn: String {
        switch self {
        case .sqlite: "INTEGER PRIMARY KEY"
        case .postgres: "BIGSERIAL PRIMARY KEY"
        }
    }

    var blobColumn: String {
        switch self {
        case .sqlite: "BLOB"
        case .postgres: "BYTEA"
        }
    }
}
