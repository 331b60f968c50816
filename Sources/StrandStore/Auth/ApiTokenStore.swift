import Foundation
import SQLKit

public struct ApiToken: Sendable, Equatable {
    public let id: Int64
    public let userId: Int64
    public let name: String
    /// The first characters, so a person can tell tokens apart without the secret.
    public let prefix: String
    public let createdAt: Int64
    public let lastUsedAt: Int64?
}

/// Bearer tokens: personal ones made in settings, and short-lived ones from `POST /auth/token`.
public enum ApiTokenStore {
    public static let issuedLifetime: Int64 = 12 * 60 * 60 * 1000

    public static func create(userId: Int64, name: String, expiresAt: Int64?, db: any SQLDatabase) async throws -> String {
        let token = "st_" + Secrets.token()
        try await db.raw("""
            INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at)
            VALUES (\(bind: userId), \(bind: name), \(bind: Secrets.digest(token)), \(bind: String(token.prefix(9))),
                    \(bind: Clock.millis()), \(bind: expiresAt))
            """).run()
        return token
    }

    /// A live token's id, owner and when it was last used.
    public static func find(token: String, db: any SQLDatabase) async throws -> (id: Int64, userId: Int64, lastUsedAt: Int64?)? {
        guard let row = try await db.raw("""
            SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = \(bind: Secrets.digest(token))
            AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > \(bind: Clock.millis()))
            """).first() else { return nil }
        return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "user_id", as: Int64.self),
                try row.integer("last_used_at"))
    }

    public static func touch(id: Int64, db: any SQLDatabase) async throws {
        try await db.raw("UPDATE api_tokens SET last_used_at = \(bind: Clock.millis()) WHERE id = \(bind: id)").run()
    }

    public static func personal(userId: Int64, db: any SQLDatabase) async throws -> [ApiToken] {
        try await db.raw("""
            SELECT * FROM api_tokens WHERE user_id = \(bind: userId) AND revoked_at IS NULL AND expires_at IS NULL ORDER BY id DESC
            """).all().map { row in
            ApiToken(id: try row.decode(column: "id", as: Int64.self), userId: userId, name: try row.decode(column: "name", as: String.self),
                     prefix: try row.decode(column: "prefix", as: String.self), createdAt: try row.decode(column: "created_at", as: Int64.self),
                     lastUsedAt: try row.integer("last_used_at"))
        }
    }

    public static func revoke(id: Int64, userId: Int64, db: any SQLDatabase) async throws -> Bool {
        let row = try await db.raw("""
            UPDATE api_tokens SET revoked_at = \(bind: Clock.millis()) WHERE id = \(bind: id) AND user_id = \(bind: userId)
            AND revoked_at IS NULL RETURNING id
            """).first()
        return row != nil
    }
}
