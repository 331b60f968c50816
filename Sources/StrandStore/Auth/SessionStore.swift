import Crypto
import Foundation
import SQLKit

public struct SessionInfo: Sendable, Equatable {
    public let id: String
    public let userId: Int64
    public let csrfToken: String
    public let createdAt: Int64
    public let lastSeenAt: Int64
    public let ip: String
    public let userAgent: String
}

/// Browser sessions. The cookie holds a random token; the table holds only its SHA-256, so a
/// copy of the database signs nobody in. Idle and absolute lifetimes end a session.
public enum SessionStore {
    public struct Lifetimes: Sendable {
        public var idle: Int64 = 30 * 60 * 1000
        public var absolute: Int64 = 12 * 60 * 60 * 1000

        public init() {}
    }

    /// A new session; returns the cookie token, shown only now.
    public static func start(userId: Int64, ip: String, userAgent: String, db: any SQLDatabase) async throws -> (token: String, session: SessionInfo) {
        let token = Secrets.token()
        let now = Clock.millis()
        let session = SessionInfo(id: Secrets.digest(token), userId: userId, csrfToken: Secrets.token(), createdAt: now,
                                  lastSeenAt: now, ip: ip, userAgent: String(userAgent.prefix(300)))
        try await db.raw("""
            INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, ip, user_agent)
            VALUES (\(bind: session.id), \(bind: userId), \(bind: session.csrfToken), \(bind: now), \(bind: now),
                    \(bind: session.ip), \(bind: session.userAgent))
            """).run()
        return (token, session)
    }

    /// The live session for a cookie token.
    public static func resume(token: String, lifetimes: Lifetimes, db: any SQLDatabase) async throws -> SessionInfo? {
        let now = Clock.millis()
        guard let row = try await db.raw("""
            SELECT * FROM sessions WHERE id = \(bind: Secrets.digest(token)) AND ended_at IS NULL
            AND last_seen_at > \(bind: now - lifetimes.idle) AND created_at > \(bind: now - lifetimes.absolute)
            """).first() else { return nil }
        return try self.decode(row)
    }

    public static func touch(id: String, db: any SQLDatabase) async throws {
        try await db.raw("UPDATE sessions SET last_seen_at = \(bind: Clock.millis()) WHERE id = \(bind: id)").run()
    }

    public static func end(id: String, db: any SQLDatabase) async throws {
        try await db.raw("UPDATE sessions SET ended_at = \(bind: Clock.millis()) WHERE id = \(bind: id) AND ended_at IS NULL").run()
    }

    public static func endAll(userId: Int64, db: any SQLDatabase) async throws {
        try await db.raw("UPDATE sessions SET ended_at = \(bind: Clock.millis()) WHERE user_id = \(bind: userId) AND ended_at IS NULL").run()
    }

    public static func live(userId: Int64, lifetimes: Lifetimes, db: any SQLDatabase) async throws -> [SessionInfo] {
        let now = Clock.millis()
        return try await db.raw("""
            SELECT * FROM sessions WHERE user_id = \(bind: userId) AND ended_at IS NULL
            AND last_seen_at > \(bind: now - lifetimes.idle) AND created_at > \(bind: now - lifetimes.absolute)
            ORDER BY last_seen_at DESC
            """).all().map(self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> SessionInfo {
        SessionInfo(id: try row.decode(column: "id", as: String.self), userId: try row.decode(column: "user_id", as: Int64.self),
                    csrfToken: try row.decode(column: "csrf_token", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: Int64.self),
                    lastSeenAt: try row.decode(column: "last_seen_at", as: Int64.self),
                    ip: try row.decode(column: "ip", as: String.self), userAgent: try row.decode(column: "user_agent", as: String.self))
    }
}

public enum Secrets {
    /// 32 random bytes, URL-safe.
    public static func token() -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
