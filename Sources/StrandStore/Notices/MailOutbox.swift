import Foundation
import SQLKit
import StrandCore

/// Email waiting to go out and the record of every message sent. A notification's mail is
/// queued in the transaction that leaves the notification and worded when it is sent, in its
/// reader's language; a sender claims a few at a time (on PostgreSQL skipping those another
/// process holds), and a claim not finished within `lease` is tried again.
public enum MailOutbox {
    public struct Message: Sendable, Equatable {
        public let id: Int64
        public let to: String
        public let subject: String
        public let body: String
        public let state: String
        public let attempts: Int
        public let lastError: String
        public let createdAt: Int64
        public let sentAt: Int64?
        /// What to word, for a notification's mail, with its reader's language.
        public var notice: Notice?
        public var language: String?
        public var timeZone: String?
    }

    /// Minutes to wait after each failed attempt; after the last the message stays failed.
    public static let retryMinutes = [1, 5, 30, 120]
    public static let lease: Int64 = 5 * 60_000

    static func queue(notifications: [(id: Int64, userId: Int64, at: Int64)], db: any SQLDatabase) async throws {
        guard !notifications.isEmpty else { return }
        let users = Array(Set(notifications.map(\.userId)))
        let rows = try await db.raw("""
            SELECT u.id, u.email FROM users u JOIN notice_preferences p ON p.user_id = u.id
            WHERE p.email = 1 AND u.active = 1 AND u.email <> '' AND u.id IN \(SQLGroupExpression.binds(users))
            """).all()
        var addresses: [Int64: String] = [:]
        for row in rows { addresses[try row.decode(column: "id", as: Int64.self)] = try row.text("email") }
        let values = notifications.compactMap { note -> (any SQLExpression)? in
            guard let address = addresses[note.userId] else { return nil }
            return SQLQueryString("(\(bind: note.userId), \(bind: note.id), \(bind: address), \(bind: note.at), \(bind: note.at))")
        }
        guard !values.isEmpty else { return }
        try await db.raw("""
            INSERT INTO mail_messages (user_id, notification_id, to_address, next_attempt_at, created_at) VALUES \(SQLList(values))
            """).run()
    }

    /// Queues a message already worded (the administrator's test message).
    public static func queue(to address: String, subject: String, body: String, now: Int64, database: StoreDatabase) async throws {
        try await database.write { db in
            try await db.raw("""
                INSERT INTO mail_messages (to_address, subject, body, next_attempt_at, created_at)
                VALUES (\(bind: address), \(bind: subject), \(bind: body), \(bind: now), \(bind: now))
                """).run()
        }
    }

    /// Takes up to `limit` messages due to be sent, for `lease`.
    public static func claim(now: Int64, limit: Int = 20, database: StoreDatabase) async throws -> [Message] {
        let skipLocked = database.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.write { db in
            let due = try await db.raw("""
                SELECT id FROM mail_messages WHERE state = 'queued' AND next_attempt_at <= \(bind: now) ORDER BY next_attempt_at, id
                LIMIT \(bind: limit)\(unsafeRaw: skipLocked)
                """).all().map { try $0.decode(column: "id", as: Int64.self) }
            guard !due.isEmpty else { return [] }
            try await db.raw("""
                UPDATE mail_messages SET next_attempt_at = \(bind: now + self.lease), attempts = attempts + 1 WHERE id IN \(SQLGroupExpression.binds(due))
                """).run()
            return try await self.messages(where: SQLQueryString("m.id IN \(SQLGroupExpression.binds(due))"), db: db)
        }
    }

    public static func sent(_ id: Int64, subject: String, body: String, now: Int64, database: StoreDatabase) async throws {
        try await database.write { db in
            try await db.raw("""
                UPDATE mail_messages SET state = 'sent', sent_at = \(bind: now), subject = \(bind: subject), body = \(bind: body), last_error = ''
                WHERE id = \(bind: id)
                """).run()
        }
    }

    /// Records a failed attempt: tried again later, or given up after the last retry or on an
    /// answer that will not change (`permanent`: an address the server refuses).
    public static func failed(_ message: Message, error: String, permanent: Bool = false, now: Int64, database: StoreDatabase) async throws {
        let retry = !permanent && self.retryMinutes.indices.contains(message.attempts - 1)
        let wait = retry ? self.retryMinutes[message.attempts - 1] : nil
        try await database.write { db in
            try await db.raw("""
                UPDATE mail_messages SET state = \(bind: wait == nil ? "failed" : "queued"),
                  next_attempt_at = \(bind: now + Int64(wait ?? 0) * 60_000), last_error = \(bind: String(error.prefix(500)))
                WHERE id = \(bind: message.id)
                """).run()
        }
    }

    /// The newest messages first, for the administrator's log; those before `before` when paging on.
    public static func recent(before: Int64? = nil, limit: Int = 50, db: any SQLDatabase) async throws -> [Message] {
        let page = before.map { SQLQueryString("m.id < \(bind: $0)") } ?? SQLQueryString("1 = 1")
        return try await self.messages(where: page, limit: limit, db: db)
    }

    static func messages(where condition: SQLQueryString, limit: Int = 1000, db: any SQLDatabase) async throws -> [Message] {
        let rows = try await db.raw("""
            SELECT m.*, u.language, u.time_zone FROM mail_messages m LEFT JOIN users u ON u.id = m.user_id WHERE \(condition) ORDER BY m.id DESC LIMIT \(bind: limit)
            """).all()
        let noticeIds = try rows.compactMap { try $0.integer("notification_id") }
        let notices = noticeIds.isEmpty ? [] : try await db.raw("SELECT * FROM notifications WHERE id IN \(SQLGroupExpression.binds(noticeIds))")
            .all().map(Notices.notice)
        let byId = Dictionary(uniqueKeysWithValues: notices.map { ($0.id, $0) })
        return try rows.map { row in
            Message(id: try row.decode(column: "id", as: Int64.self), to: try row.text("to_address") ?? "", subject: try row.text("subject") ?? "",
                    body: try row.text("body") ?? "", state: try row.text("state") ?? "", attempts: Int(try row.integer("attempts") ?? 0),
                    lastError: try row.text("last_error") ?? "", createdAt: try row.integer("created_at") ?? 0, sentAt: try row.integer("sent_at"),
                    notice: try row.integer("notification_id").flatMap { byId[$0] }, language: try row.text("language"),
                    timeZone: try row.text("time_zone"))
        }
    }
}
