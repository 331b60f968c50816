import Foundation
import SQLKit
import StrandCore

/// Each person's private calendar feed (C6): a secret address, kept only as its digest, that a
/// phone or desktop calendar subscribes to; making a new one retires the old.
public enum CalendarFeeds {
    public static let horizonBack: Int64 = 90 * 86_400_000
    public static let limit = 5000

    /// A new secret for the person's feed, replacing any before it.
    public static func renew(context: WriteContext, now: Int64, db: any SQLDatabase) async throws -> String {
        let userId = context.actor.userId
        let token = "cal_" + Secrets.token()
        try await db.raw("""
            INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (\(bind: userId), \(bind: Secrets.digest(token)), \(bind: now))
            ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at
            """).run()
        try await self.audit(.create, context: context, db: db)
        return token
    }

    public static func revoke(context: WriteContext, db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM calendar_feeds WHERE user_id = \(bind: context.actor.userId)").run()
        try await self.audit(.delete, context: context, db: db)
    }

    static func audit(_ action: AuditAction, context: WriteContext, db: any SQLDatabase) async throws {
        try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: context.actor.userId, ip: context.ip, action: action,
                                             entity: "calendar_feed", recordId: context.actor.userId, recordVersion: 0, changes: [:]), db: db)
    }

    /// When the person's feed was made, if they have one.
    public static func created(userId: Int64, db: any SQLDatabase) async throws -> Int64? {
        try await db.raw("SELECT created_at FROM calendar_feeds WHERE user_id = \(bind: userId)").first()?.integer("created_at")
    }

    /// The active person a secret belongs to.
    public static func user(token: String, db: any SQLDatabase) async throws -> User? {
        guard let row = try await db.raw("""
            SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = \(bind: Secrets.digest(token)) AND u.active = 1
            """).first() else { return nil }
        return try await Directory.user(id: try row.decode(column: "user_id", as: Int64.self), db: db)
    }

    /// What the feed holds: the person's events from `horizonBack` ago on (repeating ones
    /// still repeating then) and their tasks with a due day, open or not.
    public static func items(userId: Int64, now: Int64, catalog: EntityCatalog, db: any SQLDatabase) async throws -> (events: [Record], tasks: [Record]) {
        guard let events = catalog.entity(EntityKey.event), let tasks = catalog.entity(EntityKey.task) else { return ([], []) }
        let from = now - self.horizonBack
        let firstDay = DateTimeText.day(from, timeZone: TimeZone(identifier: "UTC")!).description
        let eventRows = try await db.raw("""
            SELECT * FROM events WHERE owner_id = \(bind: userId) AND deleted_at IS NULL
              AND ((repetition = '' AND starts_at >= \(bind: from)) OR (repetition > '' AND (repeat_until = '' OR repeat_until >= \(bind: firstDay))))
            ORDER BY starts_at LIMIT \(bind: self.limit)
            """).all()
        let taskRows = try await db.raw("""
            SELECT * FROM tasks WHERE owner_id = \(bind: userId) AND deleted_at IS NULL AND due_date >= \(bind: firstDay)
            ORDER BY due_date LIMIT \(bind: self.limit)
            """).all()
        return (try eventRows.map { try Record.decode($0, entity: events) }, try taskRows.map { try Record.decode($0, entity: tasks) })
    }
}
