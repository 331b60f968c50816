import Foundation
import SQLKit
import StrandCore

/// What a new database needs before anyone can sign in: the default roles and an administrator.
public enum Bootstrap {
    public static func ensureDefaultRoles(_ database: StoreDatabase) async throws {
        try await database.write { db in
            let existing = Set(try await Directory.roles(db: db).map(\.role.key))
            for role in DefaultRoles.all where !existing.contains(role.key) {
                try await self.upsertRole(role, name: role.name, builtIn: true, db: db)
            }
        }
    }

    /// Creates the administrator `username` if no such user exists; true when it was created.
    public static func ensureAdmin(_ database: StoreDatabase, username: String = "admin",
                                   passwordHash: String) async throws -> Bool {
        try await database.write { db in
            guard try await Directory.user(username: username, db: db) == nil else { return false }
            let now = Clock.millis()
            let row = try await db.raw("""
                INSERT INTO users (username, name, password_hash, created_at, updated_at)
                VALUES (\(bind: username), \(bind: "管理员"), \(bind: passwordHash), \(bind: now), \(bind: now)) RETURNING id
                """).first()
            let id = try row!.decode(column: "id", as: Int64.self)
            let roleId = try await db.raw("SELECT id FROM roles WHERE key = 'admin'").first()!.decode(column: "id", as: Int64.self)
            try await db.raw("INSERT INTO user_roles (user_id, role_id) VALUES (\(bind: id), \(bind: roleId))").run()
            try await AuditLog.append(AuditEntry(at: now, userId: nil, ip: "", action: "create", entity: "user", recordId: id,
                                                 changes: ["username": AuditChange(from: nil, to: username)]), db: db)
            return true
        }
    }

    static func upsertRole(_ role: Role, name: String, builtIn: Bool, db: any SQLDatabase) async throws {
        let now = Clock.millis()
        try await db.raw("""
            INSERT INTO roles (key, name, definition, built_in, created_at, updated_at)
            VALUES (\(bind: role.key), \(bind: name), \(bind: self.json(role)), \(bind: Int64(builtIn ? 1 : 0)), \(bind: now), \(bind: now))
            ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, definition = EXCLUDED.definition,
              version = roles.version + 1, updated_at = EXCLUDED.updated_at
            """).run()
    }

    static func json(_ role: Role) -> String {
        String(decoding: (try? JSONEncoder.sorted.encode(role)) ?? Data(), as: UTF8.self)
    }
}
