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
