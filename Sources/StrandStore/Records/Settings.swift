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

    public static func set(_ key: String, _ value: String, db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
            """).run()
    }
}
