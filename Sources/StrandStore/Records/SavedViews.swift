import SQLKit

/// A named list query a person saved (optionally shared with everyone), replayed as a link.
public struct SavedView: Sendable, Equatable {
    public let id: Int64
    public let userId: Int64
    public let name: String
    public let query: String
    public let shared: Bool
}

public enum SavedViews {
    public static func list(userId: Int64, entity: String, db: any SQLDatabase) async throws -> [SavedView] {
        try await db.raw("""
            SELECT * FROM saved_views WHERE entity = \(bind: entity) AND (user_id = \(bind: userId) OR shared = 1) ORDER BY name, id
            """).all().map { row in
            SavedView(id: try row.decode(column: "id", as: Int64.self), userId: try row.decode(column: "user_id", as: Int64.self),
                      name: try row.decode(column: "name", as: String.self), query: try row.decode(column: "query", as: String.self),
                      shared: try row.decode(column: "shared", as: Int64.self) != 0)
        }
    }

    public static func save(userId: Int64, entity: String, name: String, query: String, shared: Bool, db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO saved_views (user_id, entity, name, query, shared, created_at)
            VALUES (\(bind: userId), \(bind: entity), \(bind: name), \(bind: query), \(bind: Int64(shared ? 1 : 0)), \(bind: Clock.millis()))
            """).run()
    }

    public static func delete(id: Int64, userId: Int64, db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM saved_views WHERE id = \(bind: id) AND user_id = \(bind: userId)").run()
    }
}
