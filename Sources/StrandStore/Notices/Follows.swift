import Foundation
import SQLKit
import StrandCore

/// People following a record (F11) hear of every change others make to it.
public enum Follows {
    public static func follow(_ entity: EntityDefinition, recordId: Int64, userId: Int64, now: Int64, db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO follows (entity, record_id, user_id, created_at) VALUES (\(bind: entity.key), \(bind: recordId), \(bind: userId), \(bind: now))
            ON CONFLICT (entity, record_id, user_id) DO NOTHING
            """).run()
    }

    public static func unfollow(_ entity: EntityDefinition, recordId: Int64, userId: Int64, db: any SQLDatabase) async throws {
        try await db.raw("""
            DELETE FROM follows WHERE entity = \(bind: entity.key) AND record_id = \(bind: recordId) AND user_id = \(bind: userId)
            """).run()
    }

    public static func isFollowing(_ entity: EntityDefinition, recordId: Int64, userId: Int64, db: any SQLDatabase) async throws -> Bool {
        try await db.raw("""
            SELECT 1 AS yes FROM follows WHERE entity = \(bind: entity.key) AND record_id = \(bind: recordId) AND user_id = \(bind: userId)
            """).first() != nil
    }

    /// Tells the record's followers, other than the writer, what was done to it and which
    /// fields changed, in the write's transaction.
    static func notify(_ entity: EntityDefinition, _ record: Record, action: AuditAction, changed fields: [String], actor: Int64?,
                       db: any SQLDatabase) async throws {
        let followers = try await db.raw("""
            SELECT user_id FROM follows WHERE entity = \(bind: entity.key) AND record_id = \(bind: record.id)
            """).all().map { try $0.decode(column: "user_id", as: Int64.self) }.filter { $0 != actor }
        guard !followers.isEmpty else { return }
        var who = ""
        if let actor { who = try await Directory.user(id: actor, db: db)?.name ?? "" }
        let params = ["name": record.title(entity), "by": who, "fields": fields.sorted().joined(separator: ",")]
        let now = Clock.millis()
        try await Notices.add(followers.map {
            Notice(userId: $0, kind: "followed_\(action.rawValue)", entity: entity.key, recordId: record.id, params: params, createdAt: now)
        }, db: db)
    }
}
