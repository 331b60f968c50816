import SQLKit
import StrandCore

/// A create form's one-time token. The first submit claims it and, once its record is made,
/// leaves where that record is; a second submit of the same form (a double click, a reload)
/// finds the claim and is sent there instead of making the record again.
public enum FormTokens {
    public enum Claim: Sendable, Equatable {
        /// This submit is the first: go on and create.
        case first
        /// Another submit made its record already; its page.
        case done(String)
        /// Another submit is still making it.
        case pending
    }

    /// Tokens are kept a day; a form left open longer is made anew.
    static let kept: Int64 = 86_400_000

    public static func claim(_ token: String, userId: Int64, database: StoreDatabase) async throws -> Claim {
        let now = Clock.millis()
        return try await database.write { db in
            let claimed = try await db.raw("""
                INSERT INTO form_tokens (token, user_id, at) VALUES (\(bind: token), \(bind: userId), \(bind: now))
                ON CONFLICT (token) DO NOTHING RETURNING token
                """).first()
            if claimed != nil {
                try await db.raw("DELETE FROM form_tokens WHERE at < \(bind: now - self.kept)").run()
                return .first
            }
            // Another person's token is no way into their record.
            guard let row = try await db.raw("SELECT result FROM form_tokens WHERE token = \(bind: token) AND user_id = \(bind: userId)").first() else {
                return .first
            }
            let result = try row.decode(column: "result", as: String.self)
            return result.isEmpty ? .pending : .done(result)
        }
    }

    /// The first submit's record is made: where it is.
    public static func finish(_ token: String, result: String, database: StoreDatabase) async throws {
        try await database.write { try await $0.raw("UPDATE form_tokens SET result = \(bind: result) WHERE token = \(bind: token)").run() }
    }

    /// The first submit was refused: the corrected form may be sent again with the same token.
    public static func release(_ token: String, database: StoreDatabase) async throws {
        try await database.write { try await $0.raw("DELETE FROM form_tokens WHERE token = \(bind: token) AND result = ''").run() }
    }
}
