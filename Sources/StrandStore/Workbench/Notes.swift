import Foundation
import SQLKit
import StrandCore

/// Notes (C5): sticky notes on a person's workbench, seen by them alone, and notes on a record,
/// seen by whoever may see the record. Only their writer (or an administrator) removes one.
public struct Note: Sendable, Equatable {
    public let id: Int64
    public let userId: Int64
    public let entity: String
    public let recordId: Int64
    public let content: String
    public let createdAt: Int64
}

public enum Notes {
    public static let maxLength = 2000
    public static let limit = 50

    /// Leaves a note, on the record when one is named (which the writer must be able to see).
    public static func add(_ content: String, on record: (entity: EntityDefinition, id: Int64)?, context: WriteContext,
                           database: StoreDatabase) async throws -> Note {
        let text = content.trimmed
        guard !text.isEmpty else { throw RecordError.invalid(ValidationFailure(["content": .required])) }
        guard text.count <= self.maxLength else {
            throw RecordError.invalid(ValidationFailure(["content": FieldError("too_long", ["max": String(self.maxLength)])]))
        }
        let now = Clock.millis()
        return try await database.write { db in
            if let record, try await RecordStore.find(record.entity, id: record.id, scope: context.actor.filter(.view, on: record.entity.key), db: db) == nil {
                throw RecordError.notFound
            }
            let row = try await db.raw("""
                INSERT INTO notes (user_id, entity, record_id, content, created_at)
                VALUES (\(bind: context.actor.userId), \(bind: record?.entity.key ?? ""), \(bind: record?.id ?? 0), \(bind: text), \(bind: now)) RETURNING id
                """).first()
            let id = try row?.decode(column: "id", as: Int64.self) ?? 0
            try await AuditLog.append(AuditEntry(at: now, userId: context.actor.userId, ip: context.ip, action: .create, entity: "note",
                                                 recordId: id, recordVersion: 1, changes: ["content": AuditChange(from: nil, to: text)]), db: db)
            return Note(id: id, userId: context.actor.userId, entity: record?.entity.key ?? "", recordId: record?.id ?? 0, content: text, createdAt: now)
        }
    }

    public static func remove(_ id: Int64, context: WriteContext, database: StoreDatabase) async throws {
        try await database.write { db in
            let mine = context.actor.isAdmin ? SQLQueryString("") : SQLQueryString("AND user_id = \(bind: context.actor.userId)")
            guard let row = try await db.raw("""
                UPDATE notes SET deleted_at = \(bind: Clock.millis()) WHERE id = \(bind: id) AND deleted_at IS NULL \(mine) RETURNING content
                """).first() else { throw RecordError.notFound }
            try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: context.actor.userId, ip: context.ip, action: .delete, entity: "note",
                                                 recordId: id, recordVersion: 2, changes: ["content": AuditChange(from: try row.text("content"), to: nil)]), db: db)
        }
    }

    /// A person's sticky notes, newest first.
    public static func sticky(userId: Int64, db: any SQLDatabase) async throws -> [Note] {
        try await self.notes(SQLQueryString("user_id = \(bind: userId) AND entity = ''"), db: db)
    }

    /// The notes on a record, newest first (the caller has checked the reader may see it).
    public static func on(_ entity: EntityDefinition, recordId: Int64, db: any SQLDatabase) async throws -> [Note] {
        try await self.notes(SQLQueryString("entity = \(bind: entity.key) AND record_id = \(bind: recordId)"), db: db)
    }

    static func notes(_ condition: SQLQueryString, db: any SQLDatabase) async throws -> [Note] {
        try await db.raw("SELECT * FROM notes WHERE \(condition) AND deleted_at IS NULL ORDER BY id DESC LIMIT \(bind: self.limit)").all().map { row in
            Note(id: try row.decode(column: "id", as: Int64.self), userId: try row.decode(column: "user_id", as: Int64.self),
                 entity: try row.text("entity") ?? "", recordId: try row.integer("record_id") ?? 0, content: try row.text("content") ?? "",
                 createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }
}
