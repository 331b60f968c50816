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
    /// Leaves the notifications, and queues an email of each for those who want one, in the
    /// caller's transaction: a notification and its mail are written together or not at all.
    static func add(_ notifications: [Notice], db: any SQLDatabase) async throws {
        for batch in notifications.chunked(by: 1000) {
            let rows = try batch.map { note -> any SQLExpression in
                let params = String(decoding: try JSONEncoder.sorted.encode(note.params), as: UTF8.self)
                return SQLQueryString("""
                    (\(bind: note.userId), \(bind: note.kind), \(bind: note.entity), \(bind: note.recordId), \(bind: params), \(bind: note.createdAt))
                    """)
            }
            let added = try await db.raw("""
                INSERT INTO notifications (user_id, kind, entity, record_id, params, created_at) VALUES \(SQLList(rows)) RETURNING id, user_id, created_at
                """).all()
            try await MailOutbox.queue(notifications: added.map {
                (id: try $0.decode(column: "id", as: Int64.self), userId: try $0.decode(column: "user_id", as: Int64.self),
                 at: try $0.decode(column: "created_at", as: Int64.self))
            }, db: db)
        }
    }

    /// A person's notifications, newest first, those before `before` (an id) when paging on;
    /// only the unread ones when asked.
    public static func list(userId: Int64, unreadOnly: Bool = false, before: Int64? = nil, limit: Int = 20,
                            db: any SQLDatabase) async throws -> [Notice] {
        let unread = unreadOnly ? SQLQueryString("AND read_at IS NULL") : SQLQueryString("")
        let page = before.map { SQLQueryString("AND id < \(bind: $0)") } ?? SQLQueryString("")
        return try await db.raw("""
            SELECT * FROM notifications WHERE user_id = \(bind: userId) \(unread) \(page) ORDER BY id DESC LIMIT \(bind: limit)
            """).all().map(self.notice)
    }

    public static func unread(userId: Int64, limit: Int = 20, db: any SQLDatabase) async throws -> [Notice] {
        try await self.list(userId: userId, unreadOnly: true, limit: limit, db: db)
    }

    /// Those left since `id`, oldest first: what a live page has not shown yet.
    public static func since(userId: Int64, id: Int64, limit: Int = 20, db: any SQLDatabase) async throws -> [Notice] {
        try await db.raw("""
            SELECT * FROM notifications WHERE user_id = \(bind: userId) AND id > \(bind: id) ORDER BY id LIMIT \(bind: limit)
            """).all().map(self.notice)
    }

    /// How many are unread, counting no further than `cap` (a badge shows "99+").
    public static func unreadCount(userId: Int64, cap: Int = 100, db: any SQLDatabase) async throws -> Int {
        let row = try await db.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM notifications WHERE user_id = \(bind: userId) AND read_at IS NULL LIMIT \(bind: cap)) AS unread
            """).first()
        return Int(try row?.integer("n") ?? 0)
    }

    /// The newest notification's id, where a live page starts.
    public static func latestId(userId: Int64, db: any SQLDatabase) async throws -> Int64 {
        try await db.raw("SELECT MAX(id) AS id FROM notifications WHERE user_id = \(bind: userId)").first()?.integer("id") ?? 0
    }

    public static func find(id: Int64, userId: Int64, db: any SQLDatabase) async throws -> Notice? {
        try await db.raw("SELECT * FROM notifications WHERE id = \(bind: id) AND user_id = \(bind: userId)").first().map(self.notice)
    }

    /// Marks some of a person's notifications read (all when `ids` is nil); others' stay as they are.
    public static func markRead(userId: Int64, ids: [Int64]? = nil, now: Int64, database: StoreDatabase) async throws {
        if let ids, ids.isEmpty { return }
        let only = ids.map { SQLQueryString("AND id IN \(SQLGroupExpression.binds($0))") } ?? SQLQueryString("")
        try await database.write { db in
            try await db.raw("UPDATE notifications SET read_at = \(bind: now) WHERE user_id = \(bind: userId) AND read_at IS NULL \(only)").run()
        }
    }

    public static func markAllRead(userId: Int64, now: Int64, database: StoreDatabase) async throws {
        try await self.markRead(userId: userId, now: now, database: database)
    }

    static func notice(_ row: any SQLRow) throws -> Notice {
        let params = try JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "params", as: String.self).utf8))
        return Notice(id: try row.decode(column: "id", as: Int64.self), userId: try row.decode(column: "user_id", as: Int64.self),
                      kind: try row.decode(column: "kind", as: String.self), entity: try row.decode(column: "entity", as: String.self),
                      recordId: try row.decode(column: "record_id", as: Int64.self), params: params,
                      createdAt: try row.decode(column: "created_at", as: Int64.self), readAt: try row.integer("read_at"))
    }
}
