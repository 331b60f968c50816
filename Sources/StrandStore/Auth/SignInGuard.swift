import SQLKit

/// Lockout after repeated failures on an account, and a limit per address, on every sign-in
/// path (the form and the API share it).
public enum SignInGuard {
    public static let maxFailures: Int64 = 5
    public static let lockout: Int64 = 15 * 60 * 1000
    public static let perAddressLimit: Int64 = 20
    public static let perAddressWindow: Int64 = 10 * 60 * 1000

    public enum Verdict: Sendable, Equatable {
        case allowed
        case addressLimited
        case accountLocked(until: Int64)
    }

    public static func verdict(username: String, ip: String, db: any SQLDatabase) async throws -> Verdict {
        let now = Clock.millis()
        let recent = try await db.raw("""
            SELECT COUNT(*) AS n FROM sign_in_failures WHERE ip = \(bind: ip) AND at > \(bind: now - self.perAddressWindow)
            """).first()?.decode(column: "n", as: Int64.self) ?? 0
        if recent >= self.perAddressLimit { return .addressLimited }
        if let user = try await Directory.user(username: username, db: db), let until = user.lockedUntil, until > now {
            return .accountLocked(until: until)
        }
        return .allowed
    }

    public static func recordFailure(username: String, ip: String, db: any SQLDatabase) async throws {
        let now = Clock.millis()
        try await db.raw("INSERT INTO sign_in_failures (username, ip, at) VALUES (\(bind: username), \(bind: ip), \(bind: now))").run()
        try await db.raw("""
            UPDATE users SET failed_logins = failed_logins + 1,
            locked_until = CASE WHEN failed_logins + 1 >= \(bind: self.maxFailures) THEN \(bind: now + self.lockout) ELSE locked_until END
            WHERE username = \(bind: username)
            """).run()
        try await AuditLog.append(AuditEntry(at: now, userId: nil, ip: ip, action: "sign_in_failed", entity: "user", recordId: nil,
                                             changes: ["username": AuditChange(from: nil, to: String(username.prefix(60)))]), db: db)
    }

    public static func recordSuccess(userId: Int64, ip: String, db: any SQLDatabase) async throws {
        try await db.raw("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = \(bind: userId)").run()
        try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: userId, ip: ip, action: "sign_in", entity: "user",
                                             recordId: userId, changes: [:]), db: db)
    }

    /// The stored hash for checking a password, if the account exists and is active.
    public static func passwordHash(username: String, db: any SQLDatabase) async throws -> (userId: Int64, hash: String)? {
        guard let row = try await db.raw("SELECT id, password_hash FROM users WHERE username = \(bind: username) AND active = 1").first() else {
            return nil
        }
        return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "password_hash", as: String.self))
    }
}
