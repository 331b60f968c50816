import SQLKit
import StrandCore

/// A sign-in refused for now: an account after too many wrong passwords, or an address after
/// too many guesses at names.
public struct SignInLock: Sendable, Equatable {
    public enum Kind: String, Sendable { case account, address }
    public let kind: Kind
    /// The user's id for an account, the address itself for an address.
    public let key: String
    public let label: String
    public let failures: Int64
    public let until: Int64
}

extension DirectoryService {
    /// Every lock in force now, accounts first.
    public func signInLocks(context: WriteContext) async throws -> [SignInLock] {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        let now = Clock.millis()
        return try await self.database.read { db in
            let accounts = try await db.raw("""
                SELECT id, username, name, failed_logins, locked_until FROM users WHERE locked_until > \(bind: now) ORDER BY locked_until DESC, id
                """).all().map { row in
                SignInLock(kind: .account, key: String(try row.decode(column: "id", as: Int64.self)),
                           label: "\(try row.decode(column: "name", as: String.self)) (\(try row.decode(column: "username", as: String.self)))",
                           failures: try row.decode(column: "failed_logins", as: Int64.self),
                           until: try row.decode(column: "locked_until", as: Int64.self))
            }
            let addresses = try await db.raw("""
                SELECT ip, failures, blocked_until FROM sign_in_addresses WHERE blocked_until > \(bind: now) ORDER BY blocked_until DESC, ip LIMIT 500
                """).all().map { row in
                let ip = try row.decode(column: "ip", as: String.self)
                return SignInLock(kind: .address, key: ip, label: ip, failures: try row.decode(column: "failures", as: Int64.self),
                                  until: try row.decode(column: "blocked_until", as: Int64.self))
            }
            return accounts + addresses
        }
    }

    /// Lets a locked account or a waiting address sign in again at once.
    public func clearSignInLock(_ kind: SignInLock.Kind, key: String, context: WriteContext) async throws {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        try await self.database.write { db in
            switch kind {
            case .account:
                guard let id = Int64(key), try await Directory.user(id: id, db: db) != nil else { throw RecordError.notFound }
                try await db.raw("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = \(bind: id)").run()
                try await self.audit(.signInUnlocked, "user", id, [:], context: context, db: db)
            case .address:
                try await db.raw("DELETE FROM sign_in_addresses WHERE ip = \(bind: key)").run()
                try await self.audit(.signInUnlocked, "address", nil, ["ip": AuditChange(from: String(key.prefix(60)), to: nil)],
                                     context: context, db: db)
            }
        }
    }
}
