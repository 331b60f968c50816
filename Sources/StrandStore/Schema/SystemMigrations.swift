import SQLKit
import StrandCore

/// Numbered migrations of the system tables. Each runs once, in order, recorded in
/// `schema_migrations`; entity tables are planned from their definitions instead.
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
        // Events saved before a calendar told the ones lasting over a day apart.
        Migration(version: 1007, name: "multi_day_events", statements: { _ in
            ["UPDATE events SET multi_day = 1 WHERE ends_at - starts_at > \(EventRules.day)",
             "DROP INDEX IF EXISTS ix_events_report_owner_id_repetition_starts_at"]
        }),
        // The calendar's index now carries what a calendar shows (`EventRules.shownColumns`).
        Migration(version: 1008, name: "calendar_index_carries_entries", statements: { _ in
            ["DROP INDEX IF EXISTS ix_events_report_owner_id_repetition_multi_day", "DROP INDEX IF EXISTS ix_events_report_owner_id_repetition_repeat_until"]
        }),
    ]

    /// SQLite's full-text index no longer merges inside writes; `SearchIndex.mergeStep` does.
    static func searchIndexMergedInSteps(_ d: Dialect) -> [String] {
        d == .sqlite ? ["INSERT INTO search_index (search_index, rank) VALUES ('automerge', 0)"] : []
    }

    /// How many live customers each person owns, and how many of those are not won, kept by
    /// the database itself on every insert, update and delete of a customer, whichever path
    /// makes it: a claim checks the pool's cap by reading one row rather than counting what
    /// the person owns, and on PostgreSQL the row's lock makes two claims by one person queue.
    static func ownedCustomerCounts(_ d: Dialect) -> [String] {
        let notWon = { (row: String) in "CASE WHEN \(row).status = 'won' OR \(row).last_won_at IS NOT NULL THEN 0 ELSE 1 END" }
        let add = """
            INSERT INTO owned_counts (owner_id, total, not_won) VALUES (NEW.owner_id, 1, \(notWon("NEW")))
              ON CONFLICT (owner_id) DO UPDATE SET total = owned_counts.total + 1, not_won = owned_counts.not_won + EXCLUDED.not_won
            """
        let subtract = "UPDATE owned_counts SET total = total - 1, not_won = not_won - \(notWon("OLD")) WHERE owner_id = OLD.owner_id"
        let live = { (row: String) in "\(row).owner_id IS NOT NULL AND \(row).deleted_at IS NULL" }
        // An edit that leaves owner, deletion and won state alone changes no count.
        let differ = d == .sqlite ? "IS NOT" : "IS DISTINCT FROM"
        let changed = "(OLD.owner_id \(differ) NEW.owner_id OR OLD.deleted_at \(differ) NEW.deleted_at OR \(notWon("OLD")) <> \(notWon("NEW")))"
        var statements = [
            "CREATE TABLE owned_counts (owner_id BIGINT PRIMARY KEY, total BIGINT NOT NULL, not_won BIGINT NOT NULL)",
            """
            INSERT INTO owned_counts (owner_id, total, not_won)
            SELECT owner_id, COUNT(*), SUM(CASE WHEN status = 'won' OR last_won_at IS NOT NULL THEN 0 ELSE 1 END)
            FROM customers WHERE owner_id IS NOT NULL AND deleted_at IS NULL GROUP BY owner_id
            """,
        ]
        switch d {
        case .sqlite:
            statements += [
                "CREATE TRIGGER customers_owned_insert AFTER INSERT ON customers WHEN \(live("NEW")) BEGIN \(add); END",
                "CREATE TRIGGER customers_owned_delete AFTER DELETE ON customers WHEN \(live("OLD")) BEGIN \(subtract); END",
                "CREATE TRIGGER customers_owned_leave AFTER UPDATE OF owner_id, status, last_won_at, deleted_at ON customers WHEN \(live("OLD")) AND \(changed) BEGIN \(subtract); END",
                "CREATE TRIGGER customers_owned_join AFTER UPDATE OF owner_id, status, last_won_at, deleted_at ON customers WHEN \(live("NEW")) AND \(changed) BEGIN \(add); END",
            ]
        case .postgres:
            statements += [
                """
                CREATE FUNCTION customers_owned() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' AND NOT \(changed) THEN RETURN NULL; END IF;
                  IF TG_OP IN ('UPDATE', 'DELETE') AND \(live("OLD")) THEN \(subtract); END IF;
                  IF TG_OP IN ('INSERT', 'UPDATE') AND \(live("NEW")) THEN \(add); END IF;
                  RETURN NULL;
                END $$
                """,
                "CREATE TRIGGER customers_owned AFTER INSERT OR UPDATE OR DELETE ON customers FOR EACH ROW EXECUTE FUNCTION customers_owned()",
            ]
        }
        return statements
    }

    /// Deals from before pipelines were configurable are in the default one, and their status
    /// follows from their stage; closed ones count as closed at their last change.
    static func opportunityPipelineAndStatus(_ d: Dialect) -> [String] {
        [
            "UPDATE opportunities SET pipeline = 'default' WHERE pipeline = ''",
            "UPDATE opportunities SET status = CASE stage WHEN 'won' THEN 'won' WHEN 'lost' THEN 'lost' ELSE 'open' END WHERE status = ''",
            "UPDATE opportunities SET closed_at = updated_at WHERE status <> 'open' AND closed_at IS NULL",
        ]
    }

    /// Months whose commissions are closed, and the statements kept for them.
    static func commissionStatements(_ d: Dialect) -> [String] {
        [
            "CREATE TABLE commission_closings (period TEXT PRIMARY KEY, closed_at BIGINT NOT NULL, closed_by BIGINT)",
            """
            CREATE TABLE commission_statements (period TEXT NOT NULL, user_id BIGINT NOT NULL, total BIGINT NOT NULL, lines TEXT NOT NULL,
              PRIMARY KEY (period, user_id))
            """,
        ]
    }

    /// Document number counters per entity and period; earlier revisions of documents; approval
    /// requests and their steps, found by record and by the approver a step waits on.
    static func documentsAndApprovals(_ d: Dialect) -> [String] {
        [
            "CREATE TABLE document_sequences (entity TEXT NOT NULL, period TEXT NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (entity, period))",
            """
            CREATE TABLE record_revisions (entity TEXT NOT NULL, record_id BIGINT NOT NULL, revision BIGINT NOT NULL,
              record_version BIGINT NOT NULL, "values" TEXT NOT NULL, created_by BIGINT, created_at BIGINT NOT NULL,
              PRIMARY KEY (entity, record_id, revision))
            """,
            """
            CREATE TABLE approvals (id \(d.idColumn), entity TEXT NOT NULL, record_id BIGINT NOT NULL, revision BIGINT NOT NULL,
              flow_key TEXT NOT NULL, flow_name TEXT NOT NULL, requester_id BIGINT NOT NULL, state TEXT NOT NULL,
              created_at BIGINT NOT NULL, finished_at BIGINT)
            """,
            "CREATE INDEX ix_approvals_record ON approvals (entity, record_id, id)",
            """
            CREATE TABLE approval_steps (approval_id BIGINT NOT NULL REFERENCES approvals(id), position BIGINT NOT NULL,
              approver_id BIGINT, state TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', acted_by BIGINT, acted_at BIGINT,
              PRIMARY KEY (approval_id, position))
            """,
            "CREATE INDEX ix_approval_steps_queue ON approval_steps (state, approver_id, approval_id)",
        ]
    }

    /// Sales targets per period and person or department; records shared with collaborators
    /// (read or edit), found by the person they are shared with; departments whose new
    /// customers wait for a manager's review.
    static func targetsSharesReviews(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE sales_targets (id \(d.idColumn), period TEXT NOT NULL, kind TEXT NOT NULL, member_id BIGINT NOT NULL,
              base BIGINT NOT NULL, stretch BIGINT NOT NULL, updated_by BIGINT, updated_at BIGINT NOT NULL,
              UNIQUE (period, kind, member_id))
            """,
            """
            CREATE TABLE record_shares (entity TEXT NOT NULL, record_id BIGINT NOT NULL, user_id BIGINT NOT NULL REFERENCES users(id),
              access TEXT NOT NULL, created_by BIGINT, created_at BIGINT NOT NULL, PRIMARY KEY (entity, record_id, user_id))
            """,
            "CREATE INDEX ix_record_shares_user ON record_shares (user_id, entity, access, record_id)",
            "ALTER TABLE departments ADD COLUMN reviews_customers BIGINT NOT NULL DEFAULT 0",
            // Report indexes that now hold more columns, or others in another order; the entity
            // plan, which runs next, builds them anew.
            "DROP INDEX IF EXISTS ix_opportunities_report_owner_id_pipeline_stage",
            "DROP INDEX IF EXISTS ix_opportunities_report_pipeline_status_expected_close",
        ]
    }

    /// Public pools with their members and what happened in them; the runs of scheduled jobs,
    /// one row per job and period so that only one process runs each; people's notifications.
    static func poolsAndJobs(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE pools (id \(d.idColumn), name TEXT NOT NULL, rules TEXT NOT NULL, is_default BIGINT NOT NULL DEFAULT 0,
              version BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE pool_members (pool_id BIGINT NOT NULL REFERENCES pools(id), kind TEXT NOT NULL, member_id BIGINT NOT NULL,
              is_admin BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (pool_id, kind, member_id))
            """,
            """
            CREATE TABLE pool_events (id \(d.idColumn), pool_id BIGINT NOT NULL, customer_id BIGINT NOT NULL, kind TEXT NOT NULL,
              user_id BIGINT, actor_id BIGINT, reason TEXT NOT NULL DEFAULT '', at BIGINT NOT NULL)
            """,
            "CREATE INDEX ix_pool_events_user ON pool_events (user_id, kind, at)",
            "CREATE INDEX ix_pool_events_customer ON pool_events (customer_id, id)",
            """
            CREATE TABLE job_runs (job TEXT NOT NULL, period TEXT NOT NULL, runner TEXT NOT NULL, started_at BIGINT NOT NULL,
              finished_at BIGINT, outcome TEXT NOT NULL DEFAULT '', PRIMARY KEY (job, period))
            """,
            """
            CREATE TABLE notifications (id \(d.idColumn), user_id BIGINT NOT NULL, kind TEXT NOT NULL, entity TEXT NOT NULL,
              record_id BIGINT NOT NULL, params TEXT NOT NULL DEFAULT '{}', created_at BIGINT NOT NULL, read_at BIGINT)
            """,
            "CREATE INDEX ix_notifications_user ON notifications (user_id, read_at, id)",
        ]
    }

    /// Each value a tracked field has had, from when to when: an opportunity's stages, a
    /// customer's owners. The open period has no end.
    static func valuePeriods(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE value_periods (id \(d.idColumn), entity TEXT NOT NULL, record_id BIGINT NOT NULL, field TEXT NOT NULL,
              value TEXT NOT NULL, started_at BIGINT NOT NULL, ended_at BIGINT, started_by BIGINT)
            """,
            "CREATE INDEX ix_value_periods_record ON value_periods (entity, record_id, field, started_at)",
        ]
    }

    /// SQLite's index kept a second copy of every record's search words, a quarter of a large
    /// database; it only needs the words indexed and the scope columns stored. Rows move over
    /// as they are, so no record needs its words worked out again.
    static func searchIndexWithoutText(_ d: Dialect) -> [String] {
        guard d == .sqlite else { return [] }
        return [
            "ALTER TABLE search_index RENAME TO search_index_with_text",
            """
            CREATE VIRTUAL TABLE search_index USING fts5(terms, entity UNINDEXED, record_id UNINDEXED,
              owner_id UNINDEXED, department_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0',
              detail = none, content = '', contentless_delete = 1, contentless_unindexed = 1)
            """,
            """
            INSERT INTO search_index (rowid, terms, entity, record_id, owner_id, department_id)
            SELECT rowid, terms, entity, record_id, owner_id, department_id FROM search_index_with_text
            """,
            "DROP TABLE search_index_with_text",
        ]
    }

    /// Uploaded files: the bytes live in the data directory, this row says what they are and,
    /// once attached, which record they belong to (whose scope then guards them).
    static func files(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE files (id TEXT PRIMARY KEY, name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL,
              sha256 TEXT NOT NULL, uploaded_by BIGINT NOT NULL, uploaded_at BIGINT NOT NULL, entity TEXT, record_id BIGINT)
            """,
            "CREATE INDEX ix_files_record ON files (entity, record_id)",
        ]
    }

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

    static func auditAndViews(_ d: Dialect) -> [String] {
        [
            """
            CREATE TABLE audit_log (id \(d.idColumn), at BIGINT NOT NULL, user_id BIGINT, ip TEXT NOT NULL DEFAULT '',
              action TEXT NOT NULL, entity TEXT NOT NULL, record_id BIGINT, record_version BIGINT,
              changes TEXT NOT NULL DEFAULT '{}')
            """,
            "CREATE INDEX ix_audit_record ON audit_log (entity, record_id, id)",
            "CREATE INDEX ix_audit_user ON audit_log (user_id, id)",
            """
            CREATE TABLE saved_views (id \(d.idColumn), user_id BIGINT NOT NULL REFERENCES users(id),
              entity TEXT NOT NULL, name TEXT NOT NULL, query TEXT NOT NULL, shared BIGINT NOT NULL DEFAULT 0,
              created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX ix_saved_views_user ON saved_views (user_id, entity)",
        ]
    }

    /// One index for every searchable entity, holding the words of `SearchTerms` and the owner
    /// and department, so that a search applies the data scope without touching the records.
    static func searchIndex(_ d: Dialect) -> [String] {
        switch d {
        case .sqlite:
            [
                """
                CREATE VIRTUAL TABLE search_index USING fts5(terms, entity UNINDEXED, record_id UNINDEXED,
                  owner_id UNINDEXED, department_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0',
                  detail = none, columnsize = 0)
                """,
            ]
        case .postgres:
            [
                """
                CREATE TABLE search_index (doc_id BIGINT PRIMARY KEY, entity BIGINT NOT NULL, record_id BIGINT NOT NULL,
                  owner_id BIGINT, department_id BIGINT, terms tsvector NOT NULL)
                """,
                "CREATE INDEX ix_search_terms ON search_index USING GIN (terms)",
            ]
        }
    }
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
