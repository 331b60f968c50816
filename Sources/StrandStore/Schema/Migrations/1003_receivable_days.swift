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
