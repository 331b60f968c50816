import StrandStore
import Vapor

enum SignInError: Error {
    case failed
    case locked(minutes: Int64)
    case limited(minutes: Int64)
}

/// Checks a username and password the same way for the form and the API: the attempt is
/// counted against the address and the account before bcrypt runs, and every outcome recorded.
enum SignIn {
    /// A real bcrypt hash of nothing anyone knows, checked when the user does not exist so that
    /// a missing account takes as long as a wrong password.
    static let decoyHash = (try? Bcrypt.hash(Secrets.token(), cost: 11)) ?? ""

    static func attempt(username: String, password: String, request: Request) async throws -> Int64 {
        let database = request.strand.database
        let ip = request.clientIP
        let name = String(username.trimmingCharacters(in: .whitespaces).prefix(100))
        let attempt: SignInGuard.Attempt
        switch try await database.write({ try await SignInGuard.claim(username: name, ip: ip, db: $0) }) {
        case .addressLimited(let until): throw SignInError.limited(minutes: self.minutes(until))
        case .accountLocked(let until): throw SignInError.locked(minutes: self.minutes(until))
        case .allowed(let claimed): attempt = claimed
        }
        let candidate = password.utf8.count <= 72 ? password : ""
        let hash = attempt.passwordHash ?? Self.decoyHash
        let matches = (try? await request.application.threadPool.runIfActive { try Bcrypt.verify(candidate, created: hash) }) ?? false
        guard let userId = attempt.userId, matches, !candidate.isEmpty else {
            try await database.write { try await SignInGuard.recordFailure(username: name, ip: ip, db: $0) }
            throw SignInError.failed
        }
        try await database.write { try await SignInGuard.recordSuccess(attempt, userId: userId, ip: ip, db: $0) }
        return userId
    }

    static func minutes(_ until: Int64) -> Int64 { max(1, (until - Clock.millis()) / 60_000 + 1) }
}
