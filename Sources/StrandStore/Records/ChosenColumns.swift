import SQLKit
import StrandCore

/// The fields a person chose to see in an entity's list, in the entity's order; nothing stored
/// means the entity's own listed fields. A choice is a preference of one reader, like the width
/// of a window, so it is not audited.
extension StoreDatabase {
    public func chosenColumns(userId: Int64, entity: String) async throws -> [String]? {
        try await self.read { db in
            try await db.raw("SELECT columns FROM list_columns WHERE user_id = \(bind: userId) AND entity = \(bind: entity)").first()
                .map { try $0.decode(column: "columns", as: String.self).split(separator: ",").map(String.init) }
        }
    }

    /// Keeps `columns` as the reader's choice, or forgets it when nil.
    public func chooseColumns(_ columns: [String]?, userId: Int64, entity: String) async throws {
        try await self.write { db in
            guard let columns else {
                try await db.raw("DELETE FROM list_columns WHERE user_id = \(bind: userId) AND entity = \(bind: entity)").run()
                return
            }
            try await db.raw("""
                INSERT INTO list_columns (user_id, entity, columns, updated_at)
                VALUES (\(bind: userId), \(bind: entity), \(bind: columns.joined(separator: ",")), \(bind: Clock.millis()))
                ON CONFLICT (user_id, entity) DO UPDATE SET columns = EXCLUDED.columns, updated_at = EXCLUDED.updated_at
                """).run()
        }
    }
}
