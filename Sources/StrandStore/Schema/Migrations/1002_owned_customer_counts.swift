import SQLKit
import StrandCore

extension SystemMigrations {
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
}
