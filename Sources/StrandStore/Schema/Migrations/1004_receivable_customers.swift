import SQLKit
import StrandCore

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
