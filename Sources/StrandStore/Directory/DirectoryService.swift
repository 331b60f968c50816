import Foundation
import SQLKit
import StrandCore

/// Changes to users, departments and roles: administrators only, validated, audited.
public struct DirectoryService: Sendable {
    public let database: StoreDatabase
    /// Turns a password into its stored hash (bcrypt in the server, a cheaper cost in tests).
    public let hashPassword: @Sendable (String) throws -> String

    public init(database: StoreDatabase, hashPassword: @escaping @Sendable (String) throws -> String) {
        self.database = database
        self.hashPassword = hashPassword
    }

    public struct UserInput: Sendable {
        public var username: String?
        public var password: String?
        public var name: String?
        public var departmentId: Int64??
        public var roleKeys: [String]?
        public var active: Bool?
        public var email: String?
        public var language: String?
        public var timeZone: String?

        public init() {}
    }

    public static let languages = ["zh-Hans", "zh-Hant", "en"]

    public func createUser(_ input: UserInput, context: WriteContext) async throws -> User {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        let problems = self.problems(input, creating: true)
        let hash = problems["password"] == nil ? try self.hashPassword(input.password ?? "") : ""
        return try await self.database.write { db in
            var errors = problems
            if let username = input.username, try await Directory.user(username: username, db: db) != nil {
                errors["username"] = FieldError("taken")
            }
            try await self.checkReferences(input, errors: &errors, db: db)
            guard errors.isEmpty else { throw RecordError.invalid(ValidationFailure(errors)) }
            let now = Clock.millis()
            let row = try await db.raw("""
                INSERT INTO users (username, name, password_hash, department_id, active, email, language, time_zone, created_at, updated_at)
                VALUES (\(bind: input.username ?? ""), \(bind: input.name ?? ""), \(bind: hash), \(bind: input.departmentId ?? nil),
                        \(bind: Int64((input.active ?? true) ? 1 : 0)), \(bind: input.email ?? ""), \(bind: input.language ?? "zh-Hans"),
                        \(bind: input.timeZone ?? "Asia/Shanghai"), \(bind: now), \(bind: now)) RETURNING id
                """).first()
            let id = try row!.decode(column: "id", as: Int64.self)
            try await self.setRoles(id, input.roleKeys ?? [], db: db)
            let user = try await Directory.user(id: id, db: db)!
            try await self.audit(.create, "user", id, ["username": AuditChange(from: nil, to: user.username),
                                                         "roles": AuditChange(from: nil, to: user.roleKeys.joined(separator: ","))],
                                 context: context, db: db)
            return user
        }
    }

    /// Administrators change anyone; a user may change their own name, language, time zone and
    /// password, nothing else.
    public func updateUser(_ id: Int64, _ input: UserInput, expectedVersion: Int64?, context: WriteContext) async throws -> User {
        let own = id == context.actor.userId
        let selfServe = input.username == nil && input.departmentId == nil && input.roleKeys == nil && input.active == nil
        guard context.actor.isAdmin || (own && selfServe) else { throw RecordError.forbidden }
        let problems = self.problems(input, creating: false)
        let hash = input.password != nil && problems["password"] == nil ? try self.hashPassword(input.password!) : nil
        return try await self.database.write { db in
            var errors = problems
            guard let before = try await Directory.user(id: id, db: db) else { throw RecordError.notFound }
            if let expectedVersion, expectedVersion != before.version { throw RecordError.conflict(current: .empty, changes: [:]) }
            if let username = input.username, username != before.username, try await Directory.user(username: username, db: db) != nil {
                errors["username"] = FieldError("taken")
            }
            try await self.checkReferences(input, errors: &errors, db: db)
            guard errors.isEmpty else { throw RecordError.invalid(ValidationFailure(errors)) }
            try await self.applyUserChanges(id, input, hash: hash, db: db)
            let after = try await Directory.user(id: id, db: db)!
            var changes = UserDiff.changes(before, after)
            if hash != nil { changes["password"] = AuditChange(from: nil, to: "******") }
            if !changes.isEmpty { try await self.audit(.update, "user", id, changes, context: context, db: db) }
            if before.active && !after.active { try await SessionStore.endAll(userId: id, db: db) }
            return after
        }
    }

    func applyUserChanges(_ id: Int64, _ input: UserInput, hash: String?, db: any SQLDatabase) async throws {
        var sets: [any SQLExpression] = [SQLRaw("version = version + 1"), SQLQueryString("updated_at = \(bind: Clock.millis())")]
        if let value = input.username { sets.append(SQLQueryString("username = \(bind: value)")) }
        if let value = input.name { sets.append(SQLQueryString("name = \(bind: value)")) }
        if let value = input.departmentId { sets.append(SQLQueryString("department_id = \(bind: value)")) }
        if let value = input.active { sets.append(SQLQueryString("active = \(bind: Int64(value ? 1 : 0))")) }
        if let value = input.email { sets.append(SQLQueryString("email = \(bind: value)")) }
        if let value = input.language { sets.append(SQLQueryString("language = \(bind: value)")) }
        if let value = input.timeZone { sets.append(SQLQueryString("time_zone = \(bind: value)")) }
        if let hash { sets.append(SQLQueryString("password_hash = \(bind: hash)")) }
        try await db.raw("UPDATE users SET \(SQLList(sets)) WHERE id = \(bind: id)").run()
        if let roles = input.roleKeys { try await self.setRoles(id, roles, db: db) }
    }

    func setRoles(_ userId: Int64, _ keys: [String], db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM user_roles WHERE user_id = \(bind: userId)").run()
        for role in try await Directory.roles(db: db) where keys.contains(role.role.key) {
            try await db.raw("INSERT INTO user_roles (user_id, role_id) VALUES (\(bind: userId), \(bind: role.id))").run()
        }
    }

    func problems(_ input: UserInput, creating: Bool) -> [String: FieldError] {
        var errors: [String: FieldError] = [:]
        if let username = input.username ?? (creating ? "" : nil) {
            let ok = (3...40).contains(username.count) && username.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
            if !ok { errors["username"] = FieldError("invalid_username") }
        }
        if let name = input.name ?? (creating ? "" : nil), name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 50 {
            errors["name"] = .required
        }
        if let password = input.password ?? (creating ? "" : nil), let problem = PasswordPolicy.problem(password) {
            errors["password"] = problem
        }
        if let language = input.language, !Self.languages.contains(language) { errors["language"] = .invalid }
        if let zone = input.timeZone, TimeZone(identifier: zone) == nil { errors["time_zone"] = .invalid }
        if let email = input.email, !email.isEmpty, case .failure(let error) = FieldDefinition("email", .email).parse(.string(email), timeZone: .gmt) {
            errors["email"] = error
        }
        return errors
    }

    func checkReferences(_ input: UserInput, errors: inout [String: FieldError], db: any SQLDatabase) async throws {
        if let department = input.departmentId ?? nil, !(try await Directory.departments(db: db)).contains(where: { $0.id == department }) {
            errors["department_id"] = FieldError("not_found")
        }
        if let keys = input.roleKeys {
            let known = Set(try await Directory.roles(db: db).map(\.role.key))
            if keys.contains(where: { !known.contains($0) }) { errors["roles"] = FieldError("not_found") }
        }
    }

    func audit(_ action: AuditAction, _ entity: String, _ id: Int64?, _ changes: [String: AuditChange], context: WriteContext,
               db: any SQLDatabase) async throws {
        try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: context.actor.userId, ip: context.ip, action: action,
                                             entity: entity, recordId: id, changes: changes), db: db)
    }
}

extension Record {
    static let empty = Record(id: 0, version: 0, createdAt: 0, updatedAt: 0, values: [:])
}

enum UserDiff {
    static func changes(_ before: User, _ after: User) -> [String: AuditChange] {
        let pairs: [(String, String?, String?)] = [
            ("username", before.username, after.username), ("name", before.name, after.name),
            ("department_id", before.departmentId.map(String.init), after.departmentId.map(String.init)),
            ("active", String(before.active), String(after.active)), ("email", before.email, after.email),
            ("language", before.language, after.language), ("time_zone", before.timeZone, after.timeZone),
            ("roles", before.roleKeys.joined(separator: ","), after.roleKeys.joined(separator: ",")),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.filter { $0.1 != $0.2 }.map { ($0.0, AuditChange(from: $0.1, to: $0.2)) })
    }
}
