import Foundation
import SQLKit
import StrandCore

/// Reads users, departments and roles, and builds the `Actor` a request acts as.
public enum Directory {
    public static func user(id: Int64, db: any SQLDatabase) async throws -> User? {
        try await self.users(where: SQLQueryString("u.id = \(bind: id)"), db: db).first
    }

    public static func user(username: String, db: any SQLDatabase) async throws -> User? {
        try await self.users(where: SQLQueryString("u.username = \(bind: username)"), db: db).first
    }

    /// The active members of a department (a team's calendar).
    public static func members(of departmentId: Int64, db: any SQLDatabase) async throws -> [User] {
        try await self.users(where: SQLQueryString("u.department_id = \(bind: departmentId) AND u.active = 1"), db: db)
    }

    public static func users(db: any SQLDatabase) async throws -> [User] {
        try await self.users(where: SQLQueryString("1 = 1"), db: db)
    }

    static func users(where condition: SQLQueryString, db: any SQLDatabase) async throws -> [User] {
        let rows = try await db.raw("SELECT u.* FROM users u WHERE \(condition) ORDER BY u.id").all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        let roles = try await self.roleKeys(of: ids, db: db)
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return User(
                id: id, username: try row.decode(column: "username", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                departmentId: try row.integer("department_id"),
                active: try row.decode(column: "active", as: Int64.self) != 0,
                email: try row.decode(column: "email", as: String.self),
                phone: try row.decode(column: "phone", as: String.self),
                language: try row.decode(column: "language", as: String.self),
                timeZone: try row.decode(column: "time_zone", as: String.self),
                roleKeys: roles[id] ?? [], version: try row.decode(column: "version", as: Int64.self),
                lockedUntil: try row.integer("locked_until")
            )
        }
    }

    static func roleKeys(of userIds: [Int64], db: any SQLDatabase) async throws -> [Int64: [String]] {
        guard !userIds.isEmpty else { return [:] }
        let rows = try await db.raw("""
            SELECT ur.user_id, r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
            WHERE ur.user_id IN \(SQLGroupExpression.binds(userIds)) ORDER BY r.id
            """).all()
        var result: [Int64: [String]] = [:]
        for row in rows {
            result[try row.decode(column: "user_id", as: Int64.self), default: []].append(try row.decode(column: "key", as: String.self))
        }
        return result
    }

    public static func departments(db: any SQLDatabase) async throws -> [Department] {
        try await db.raw("SELECT * FROM departments ORDER BY sort_order, id").all().map { row in
            Department(id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
                       parentId: try row.integer("parent_id"),
                       sortOrder: try row.decode(column: "sort_order", as: Int64.self),
                       version: try row.decode(column: "version", as: Int64.self),
                       reviewsCustomers: try row.decode(column: "reviews_customers", as: Int64.self) != 0)
        }
    }

    public struct StoredRole: Sendable {
        public var id: Int64
        public var role: Role
        public var builtIn: Bool
        public var version: Int64
    }

    public static func roles(db: any SQLDatabase) async throws -> [StoredRole] {
        try await db.raw("SELECT * FROM roles ORDER BY id").all().map { row in
            var role = try RoleDefinitions.decode(try row.decode(column: "definition", as: String.self))
            role.key = try row.decode(column: "key", as: String.self)
            role.name = try row.decode(column: "name", as: String.self)
            return StoredRole(id: try row.decode(column: "id", as: Int64.self), role: role,
                              builtIn: try row.decode(column: "built_in", as: Int64.self) != 0,
                              version: try row.decode(column: "version", as: Int64.self))
        }
    }

    /// The actor for an active user; nil for an inactive or missing one.
    public static func actor(userId: Int64, db: any SQLDatabase) async throws -> Actor? {
        guard let user = try await self.user(id: userId, db: db) else { return nil }
        return try await self.actor(for: user, db: db)
    }

    public static func actor(for user: User, db: any SQLDatabase) async throws -> Actor? {
        guard user.active else { return nil }
        let roles = try await self.roles(db: db).map(\.role).filter { user.roleKeys.contains($0.key) }
        let departments = try await self.departments(db: db)
        let tree = user.departmentId.map { departments.subtree(of: $0) } ?? []
        return Actor(userId: user.id, departmentId: user.departmentId, departmentTree: tree, roles: roles)
    }
}

/// Role definitions as decoded, by their stored text: every request reads the roles to build
/// its actor, and a role names a grant for every entity, so decoding them each time would cost
/// more than the request. The text is the key, so a changed role is decoded afresh.
enum RoleDefinitions {
    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var roles: [String: Role] = [:]
    }

    private static let cache = Cache()

    static func decode(_ json: String) throws -> Role {
        if let role = self.cache.lock.withLock({ self.cache.roles[json] }) { return role }
        let role = try JSONDecoder().decode(Role.self, from: Data(json.utf8))
        self.cache.lock.withLock {
            if self.cache.roles.count > 200 { self.cache.roles.removeAll() }
            self.cache.roles[json] = role
        }
        return role
    }
}
