import StrandStore
import Vapor

enum SignInError: Error {
    case failed
    case locked(minutes: Int64)
    case limited
}

/// Checks a username and password the same way for the form and the API: the address limit
/// and the account lockout first, then bcrypt, with every outcome recorded.
enum SignIn {
    /// A real bcrypt hash of nothing anyone knows, checked when the user does not exist so that
    /// a missing account takes as long as a wrong password.
    static let decoyHash = (try? Bcrypt.hash(Secrets.token(), cost: 11)) ?? ""

    static func attempt(username: String, password: String, request: Request) async throws -> Int64 {
        let database = request.strand.database
        let ip = request.clientIP
        let name = String(username.trimmingCharacters(in: .whitespaces).prefix(100))
        switch try await database.read({ try await SignInGuard.verdict(username: name, ip: ip, db: $0) }) {
        case .addressLimited: throw SignInError.limited
        case .accountLocked(let until): throw SignInError.locked(minutes: max(1, (until - Clock.millis()) / 60_000 + 1))
        case .allowed: break
        }
        let stored = try await database.read { try await SignInGuard.passwordHash(username: name, db: $0) }
        let candidate = password.utf8.count <= 72 ? password : ""
        let hash = stored?.hash ?? Self.decoyHash
        let matches = (try? await request.application.threadPool.runIfActive { try Bcrypt.verify(candidate, created: hash) }) ?? false
        guard let stored, matches, !candidate.isEmpty else {
            try await database.write { try await SignInGuard.recordFailure(username: name, ip: ip, db: $0) }
            throw SignInError.failed
        }
        try await database.write { try await SignInGuard.recordSuccess(userId: stored.userId, ip: ip, db: $0) }
        return stored.userId
    }
}
