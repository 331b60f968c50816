import Foundation
import SQLKit
import StrandCore

/// What a new database needs before anyone can sign in: the default roles and an administrator.
public enum Bootstrap {
    public static func ensureDefaultRoles(_ database: StoreDatabase) async throws {
        try await database.write { db in
            let stored = Dictionary(uniqueKeysWithValues: try await Directory.roles(db: db).map { ($0.role.key, $0.role) })
            for role in DefaultRoles.all {
                guard var existing = stored[role.key] else {
                    try await self.upsertRole(role, name: role.name, builtIn: true, db: db)
                    continue
                }
                // Entities added since the role was stored start with the default grants; the
                // ones an administrator has already set stay as they are.
                let missing = role.grants.filter { existing.grants[$0.key] == nil }
                guard !missing.isEmpty else { continue }
                existing.grants.merge(missing) { kept, _ in kept }
                try await self.upsertRole(existing, name: existing.name, builtIn: true, db: db)
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
            try await AuditLog.append(AuditEntry(at: now, userId: nil, ip: "", action: .create, entity: "user", recordId: id,
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
