import Foundation
import SQLKit

/// Administrator settings, a key and a text value each.
public enum Settings {
    public enum DuplicateMode: String, Sendable, CaseIterable {
        case warn, block
    }

    public static func duplicateMode(db: any SQLDatabase) async throws -> DuplicateMode {
        try await self.value("duplicate_mode", db: db).flatMap(DuplicateMode.init) ?? .warn
    }

    public static func value(_ key: String, db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT value FROM settings WHERE key = \(bind: key)").first()?.decode(column: "value", as: String.self)
    }

    /// The value, with its row locked until the transaction ends, so that two runs taking turns
    /// (a round robin) never read the same turn.
    static func lockedValue(_ key: String, dialect: Dialect, db: any SQLDatabase) async throws -> String? {
        guard dialect == .postgres else { return try await self.value(key, db: db) }
        try await db.raw("INSERT INTO settings (key, value) VALUES (\(bind: key), '') ON CONFLICT (key) DO NOTHING").run()
        let value = try await db.raw("SELECT value FROM settings WHERE key = \(bind: key) FOR UPDATE").first()?.decode(column: "value", as: String.self)
        return value?.isEmpty == false ? value : nil
    }

    /// A setting that holds a JSON document (the sales setup, the territories); `fallback`
    /// until one is saved.
    static func document<T: Decodable>(_ key: String, fallback: T, db: any SQLDatabase) async throws -> T {
        guard let text = try await self.value(key, db: db) else { return fallback }
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// Replaces a JSON document, with an audit row under `entity` holding the new text.
    static func setDocument<T: Encodable>(_ key: String, _ document: T, auditAs entity: String, context: WriteContext,
                                          db: any SQLDatabase) async throws {
        let text = String(decoding: try JSONEncoder.sorted.encode(document), as: UTF8.self)
        let before = try await self.value(key, db: db)
        try await self.set(key, text, db: db)
        try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: context.actor.userId, ip: context.ip, action: .update,
                                             entity: entity, recordId: 0, recordVersion: 0,
                                             changes: ["setup": AuditChange(from: before, to: text)]), db: db)
    }

    public static func set(_ key: String, _ value: String, db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
            """).run()
    }
}
