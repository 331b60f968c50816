import SQLKit
import StrandCore

/// Limits on guessing passwords, on every sign-in path (the form and the API share it):
/// an account locks after repeated failures, and an address that tries many names it never
/// signed in with waits, longer each time it keeps trying. Names that have signed in from an
/// address before are not held up by that address's limit, so strangers guessing from behind a
/// company's one proxy address cannot lock the company out.
public enum SignInGuard {
    public static let maxFailures: Int64 = 5
    public static let lockout: Int64 = 15 * 60 * 1000
    public static let perAddressLimit: Int64 = 20
    public static let perAddressWindow: Int64 = 10 * 60 * 1000
    /// The longest an address is made to wait, however long it keeps guessing.
    public static let longestAddressWait: Int64 = 60 * 60 * 1000

    public enum Verdict: Sendable, Equatable {
        case allowed(Attempt)
        case addressLimited(until: Int64)
        case accountLocked(until: Int64)
    }

    /// An attempt already counted as a failure; a correct password takes the count back.
    public struct Attempt: Sendable, Equatable {
        public let userId: Int64?
        public let passwordHash: String?
        let countedAtAddress: Bool
    }

    /// Decides whether a password may be checked at all and, when it may, counts the attempt
    /// as a failure first, in the same transaction (`db` must be a write): concurrent guesses
    /// then cannot all slip under a limit while their passwords are being checked.
    public static func claim(username: String, ip: String, db: any SQLDatabase) async throws -> Verdict {
        let now = Clock.millis()
        let user = try await db.raw("""
            SELECT id, password_hash, active, last_sign_in_ip FROM users WHERE username = \(bind: username)
            """).first()
        let known = try !ip.isEmpty && user?.decode(column: "last_sign_in_ip", as: String.self) == ip
        if !known, let until = try await self.countAtAddress(ip, now: now, db: db) { return .addressLimited(until: until) }
        guard let user, try user.decode(column: "active", as: Int64.self) != 0 else {
            return .allowed(Attempt(userId: nil, passwordHash: nil, countedAtAddress: !known))
        }
        let userId = try user.decode(column: "id", as: Int64.self)
        let counted = try await db.raw("""
            UPDATE users SET failed_logins = CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END,
              locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END) >= \(bind: self.maxFailures)
                THEN \(bind: now + self.lockout) ELSE NULL END
            WHERE id = \(bind: userId) AND (locked_until IS NULL OR locked_until <= \(bind: now)) RETURNING id
            """).first()
        guard counted != nil else {
            let until = try await db.raw("SELECT locked_until FROM users WHERE id = \(bind: userId)").first()?.integer("locked_until")
            return .accountLocked(until: until ?? now + self.lockout)
        }
        return .allowed(Attempt(userId: userId, passwordHash: try user.decode(column: "password_hash", as: String.self), countedAtAddress: !known))
    }

    /// Counts one more guess from `ip`; the time it must wait until, when it is over its limit.
    static func countAtAddress(_ ip: String, now: Int64, db: any SQLDatabase) async throws -> Int64? {
        let windowOpened = now - self.perAddressWindow
        guard let row = try await db.raw("""
            INSERT INTO sign_in_addresses (ip, failures, window_start) VALUES (\(bind: ip), 1, \(bind: now))
            ON CONFLICT (ip) DO UPDATE SET
              failures = CASE WHEN sign_in_addresses.window_start < \(bind: windowOpened) THEN 1 ELSE sign_in_addresses.failures + 1 END,
              window_start = CASE WHEN sign_in_addresses.window_start < \(bind: windowOpened) THEN \(bind: now) ELSE sign_in_addresses.window_start END
            RETURNING failures, blocked_until
            """).first() else { return nil }
        let failures = try row.decode(column: "failures", as: Int64.self)
        let blockedUntil = try row.integer("blocked_until").flatMap { $0 > now ? $0 : nil }
        guard failures > self.perAddressLimit else { return blockedUntil }
        let until = max(blockedUntil ?? 0, now + self.addressWait(afterFailures: failures))
        try await db.raw("UPDATE sign_in_addresses SET blocked_until = \(bind: until) WHERE ip = \(bind: ip)").run()
        return until
    }

    /// One minute for the first guess over the limit, doubling with each further one.
    static func addressWait(afterFailures failures: Int64) -> Int64 {
        let over = min(max(failures - self.perAddressLimit - 1, 0), 12)
        return min(60_000 << over, self.longestAddressWait)
    }

    public static func recordFailure(username: String, ip: String, db: any SQLDatabase) async throws {
        let now = Clock.millis()
        try await db.raw("INSERT INTO sign_in_failures (username, ip, at) VALUES (\(bind: username), \(bind: ip), \(bind: now))").run()
        try await AuditLog.append(AuditEntry(at: now, userId: nil, ip: ip, action: .signInFailed, entity: "user", recordId: nil,
                                             changes: ["username": AuditChange(from: nil, to: String(username.prefix(60)))]), db: db)
    }

    /// A correct password: the attempt counted against the account and the address is taken
    /// back, and the address becomes one this user is known at.
    public static func recordSuccess(_ attempt: Attempt, userId: Int64, ip: String, db: any SQLDatabase) async throws {
        // The address's row before the user's, in the order `claim` takes them, so that two
        // transactions never wait on each other (PostgreSQL would end one as a deadlock).
        if attempt.countedAtAddress {
            try await db.raw("UPDATE sign_in_addresses SET failures = failures - 1 WHERE ip = \(bind: ip) AND failures > 0").run()
        }
        try await db.raw("""
            UPDATE users SET failed_logins = 0, locked_until = NULL, last_sign_in_ip = \(bind: ip) WHERE id = \(bind: userId)
            """).run()
        try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: userId, ip: ip, action: .signIn, entity: "user",
                                             recordId: userId, changes: [:]), db: db)
    }
}
