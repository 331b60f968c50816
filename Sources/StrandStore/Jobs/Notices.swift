import Foundation
import SQLKit

/// Messages Strand leaves for a person, such as "this customer goes back to the pool on…".
public struct Notice: Sendable, Equatable {
    public var id: Int64 = 0
    public let userId: Int64
    /// Names the message: `pool_return_soon`.
    public let kind: String
    public let entity: String
    public let recordId: Int64
    public let params: [String: String]
    public let createdAt: Int64
    public var readAt: Int64?
}

public enum Notices {
    static func add(_ notifications: [Notice], db: any SQLDatabase) async throws {
        guard !notifications.isEmpty else { return }
        let rows = try notifications.map { note -> any SQLExpression in
            let params = String(decoding: try JSONEncoder.sorted.encode(note.params), as: UTF8.self)
            return SQLQueryString("""
                (\(bind: note.userId), \(bind: note.kind), \(bind: note.entity), \(bind: note.recordId), \(bind: params), \(bind: note.createdAt))
                """)
        }
        try await db.raw("INSERT INTO notifications (user_id, kind, entity, record_id, params, created_at) VALUES \(SQLList(rows))").run()
    }

    /// A person's unread notifications, newest first.
    public static func unread(userId: Int64, limit: Int = 20, db: any SQLDatabase) async throws -> [Notice] {
        try await db.raw("""
            SELECT * FROM notifications WHERE user_id = \(bind: userId) AND read_at IS NULL ORDER BY id DESC LIMIT \(bind: limit)
            """).all().map { row in
            let params = try JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "params", as: String.self).utf8))
            return Notice(id: try row.decode(column: "id", as: Int64.self), userId: userId,
                                kind: try row.decode(column: "kind", as: String.self), entity: try row.decode(column: "entity", as: String.self),
                                recordId: try row.decode(column: "record_id", as: Int64.self), params: params,
                                createdAt: try row.decode(column: "created_at", as: Int64.self), readAt: nil)
        }
    }

    public static func markAllRead(userId: Int64, now: Int64, database: StoreDatabase) async throws {
        try await database.write { db in
            try await db.raw("UPDATE notifications SET read_at = \(bind: now) WHERE user_id = \(bind: userId) AND read_at IS NULL").run()
        }
    }
}
