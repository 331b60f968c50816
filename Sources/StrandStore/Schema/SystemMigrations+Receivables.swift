extension SystemMigrations {
    /// What is open of the unpaid instalments, per owner, department and due day, kept by the
    /// database on every insert, update and delete of an instalment: the aging report by person
    /// or department reads a few thousand rows instead of every open instalment.
    static func receivableDays(_ d: Dialect) -> [String] {
        let key = { (row: String) in "COALESCE(\(row).owner_id, 0), COALESCE(\(row).department_id, 0), \(row).due_date" }
        let amount = { (row: String) in "\(row).amount - COALESCE(\(row).received, 0)" }
        let add = """
            INSERT INTO receivable_days (owner_id, department_id, due_date, open) VALUES (\(key("NEW")), \(amount("NEW")))
              ON CONFLICT (owner_id, department_id, due_date) DO UPDATE SET open = receivable_days.open + EXCLUDED.open
            """
        let subtract = """
            UPDATE receivable_days SET open = open - (\(amount("OLD"))) WHERE owner_id = COALESCE(OLD.owner_id, 0)
              AND department_id = COALESCE(OLD.department_id, 0) AND due_date = OLD.due_date
            """
        let statements = [
            """
            CREATE TABLE receivable_days (owner_id BIGINT NOT NULL, department_id BIGINT NOT NULL, due_date TEXT NOT NULL, open BIGINT NOT NULL,
              PRIMARY KEY (owner_id, department_id, due_date))
            """,
            """
            INSERT INTO receivable_days (owner_id, department_id, due_date, open)
            SELECT COALESCE(owner_id, 0), COALESCE(department_id, 0), due_date, SUM(amount - COALESCE(received, 0)) FROM instalments
            WHERE deleted_at IS NULL AND status IN ('open', 'partial') GROUP BY COALESCE(owner_id, 0), COALESCE(department_id, 0), due_date
            """,
        ]
        return statements + Self.openInstalmentTriggers("open", add: add, subtract: subtract, d)
    }
}

extension SystemMigrations {
    /// What is open per customer, owner and department in the aging report's columns as of the
    /// day in `receivable_as_of`, kept by the database on every change of an instalment and
    /// worked out afresh when the day moves on (`StoreDatabase.keepReceivables`): the
    /// report by customer reads one row per customer instead of every open instalment.
    static func receivableCustomers(_ d: Dialect) -> [String] {
        let key = { (row: String) in "COALESCE(\(row).customer_id, 0), COALESCE(\(row).owner_id, 0), COALESCE(\(row).department_id, 0)" }
        let columns = ReceivableColumns.all.map(\.name)
        let add = """
            INSERT INTO receivable_customers (customer_id, owner_id, department_id, \(columns.joined(separator: ", ")))
            SELECT \(key("NEW")), \(ReceivableColumns.values(of: "NEW").joined(separator: ", ")) FROM receivable_as_of a WHERE true
            ON CONFLICT (customer_id, owner_id, department_id) DO UPDATE SET
              \(columns.map { "\($0) = receivable_customers.\($0) + EXCLUDED.\($0)" }.joined(separator: ", "))
            """
        let subtract = """
            UPDATE receivable_customers SET (\(columns.joined(separator: ", "))) = (SELECT
              \(zip(columns, ReceivableColumns.values(of: "OLD")).map { "receivable_customers.\($0) - \($1)" }.joined(separator: ", "))
              FROM receivable_as_of a)
            WHERE customer_id = COALESCE(OLD.customer_id, 0) AND owner_id = COALESCE(OLD.owner_id, 0) AND department_id = COALESCE(OLD.department_id, 0)
            """
        let statements = [
            "CREATE TABLE receivable_as_of (id INTEGER PRIMARY KEY, day TEXT NOT NULL, day30 TEXT NOT NULL, day90 TEXT NOT NULL)",
            // No day yet: the first report works the table out for its day.
            "INSERT INTO receivable_as_of (id, day, day30, day90) VALUES (1, '', '', '')",
            """
            CREATE TABLE receivable_customers (customer_id BIGINT NOT NULL, owner_id BIGINT NOT NULL, department_id BIGINT NOT NULL,
              \(columns.map { "\($0) BIGINT NOT NULL" }.joined(separator: ", ")), PRIMARY KEY (customer_id, owner_id, department_id))
            """,
        ]
        // On PostgreSQL the shared lock makes a change wait while the table is worked out for a
        // new day (which locks the day for update), and then read the new day.
        return statements + Self.openInstalmentTriggers("customer", add: add, subtract: subtract,
                                                        first: "PERFORM 1 FROM receivable_as_of FOR SHARE", d)
    }
}

extension SystemMigrations {
    /// Triggers that keep a table of sums in step with the open instalments, whichever path
    /// writes them: `subtract` for a row that was open (updated or deleted), `add` for one that
    /// is open (inserted or updated). On PostgreSQL `first` runs before either, and only then.
    static func openInstalmentTriggers(_ name: String, add: String, subtract: String, first: String? = nil, _ d: Dialect) -> [String] {
        let open = { (row: String) in "\(row).deleted_at IS NULL AND \(row).status IN ('open', 'partial')" }
        switch d {
        case .sqlite:
            return [
                "CREATE TRIGGER instalments_\(name)_insert AFTER INSERT ON instalments WHEN \(open("NEW")) BEGIN \(add); END",
                "CREATE TRIGGER instalments_\(name)_delete AFTER DELETE ON instalments WHEN \(open("OLD")) BEGIN \(subtract); END",
                "CREATE TRIGGER instalments_\(name)_leave AFTER UPDATE ON instalments WHEN \(open("OLD")) BEGIN \(subtract); END",
                "CREATE TRIGGER instalments_\(name)_join AFTER UPDATE ON instalments WHEN \(open("NEW")) BEGIN \(add); END",
            ]
        case .postgres:
            let leaves = "TG_OP IN ('UPDATE', 'DELETE') AND \(open("OLD"))", joins = "TG_OP IN ('INSERT', 'UPDATE') AND \(open("NEW"))"
            let before = first.map { "  IF NOT ((\(leaves)) OR (\(joins))) THEN RETURN NULL; END IF;\n  \($0);\n" } ?? ""
            return [
                """
                CREATE FUNCTION instalments_\(name)() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                \(before)  IF \(leaves) THEN \(subtract); END IF;
                  IF \(joins) THEN \(add); END IF;
                  RETURN NULL;
                END $$
                """,
                "CREATE TRIGGER instalments_\(name) AFTER INSERT OR UPDATE OR DELETE ON instalments FOR EACH ROW EXECUTE FUNCTION instalments_\(name)()",
            ]
        }
    }
}

/// The columns of the aging report, each the open amount of an instalment when its due date
/// falls in the column's days as of the day `a` (a row of `receivable_as_of`).
enum ReceivableColumns: CaseIterable {
    case notDue, upTo30, upTo90, over90, overdue

    static let all = Self.allCases

    var name: String {
        switch self {
        case .notDue: "not_due"
        case .upTo30: "d30"
        case .upTo90: "d90"
        case .over90: "older"
        case .overdue: "overdue"
        }
    }

    func value(of row: String) -> String {
        let (due, open) = ("\(row).due_date", "\(row).amount - COALESCE(\(row).received, 0)")
        let days = switch self {
        case .notDue: "\(due) >= a.day"
        case .upTo30: "\(due) < a.day AND \(due) >= a.day30"
        case .upTo90: "\(due) < a.day30 AND \(due) >= a.day90"
        case .over90: "\(due) < a.day90"
        case .overdue: "\(due) < a.day"
        }
        return "CASE WHEN \(days) THEN \(open) ELSE 0 END"
    }

    static func values(of row: String) -> [String] { all.map { $0.value(of: row) } }
}
