import StrandCore
import StrandStore
import Vapor

/// Who a request comes from: a signed-in browser session, or an API bearer token.
public struct Identity: Sendable {
    public let user: User
    public let actor: Actor
    /// The browser session; nil for bearer-token requests.
    public let session: SessionInfo?

    public var language: Language { Language(rawValue: self.user.language) ?? .zhHans }
    public var timeZone: TimeZone { TimeZone(identifier: self.user.timeZone) ?? .init(identifier: "Asia/Shanghai")! }
}

extension Request {
    struct IdentityKey: StorageKey {
        typealias Value = Identity
    }

    public var identity: Identity? {
        get { self.storage[IdentityKey.self] }
        set { self.storage[IdentityKey.self] = newValue }
    }

    /// The identity of a request that must be signed in; 401 otherwise.
    public func requireIdentity() throws -> Identity {
        guard let identity = self.identity else { throw Abort(.unauthorized) }
        return identity
    }

    /// The reader's time zone, else the company's.
    var timeZone: TimeZone { self.identity?.timeZone ?? JobScheduler.companyTimeZone }

    public var isAPI: Bool { self.url.path.hasPrefix("/api/") }

    /// The client address: the peer, or what a trusted proxy forwarded (`TrustedProxies`).
    public var clientIP: String {
        let peer = self.remoteAddress?.ipAddress ?? ""
        return self.strand.config.trustedProxies.client(peer: peer, forwardedFor: self.headers[.xForwardedFor])
    }

    /// Whether the peer is one of the configured proxies, whose forwarded headers count.
    var fromTrustedProxy: Bool { self.strand.config.trustedProxies.trusts(self.remoteAddress?.ipAddress ?? "") }

    public var strings: Strings {
        Strings(self.identity?.language
            ?? self.cookies["strand_lang"].flatMap { Language(rawValue: $0.string) }
            ?? Language.preferred(self.headers.first(name: .acceptLanguage)) ?? .zhHans)
    }

    public func writeContext() throws -> WriteContext {
        let identity = try self.requireIdentity()
        return WriteContext(actor: identity.actor, ip: self.clientIP, timeZone: identity.timeZone)
    }
}

/// Reads the session cookie or the bearer token and, when valid, attaches the identity.
/// It never rejects: routes decide whether they need someone signed in.
struct IdentityMiddleware: AsyncMiddleware {
    static let cookieName = "strand_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let strand = request.strand
        if let bearer = request.headers.bearerAuthorization?.token {
            if let token = try await strand.database.read({ try await ApiTokenStore.find(token: bearer, db: $0) }) {
                request.identity = try await self.identity(userId: token.userId, session: nil, strand: strand)
                if Self.stale(token.lastUsedAt) { try await strand.database.write { try await ApiTokenStore.touch(id: token.id, db: $0) } }
            }
            if request.identity == nil && request.isAPI { throw Abort(.unauthorized) }
        } else if let token = request.cookies[Self.cookieName]?.string {
            let lifetimes = strand.config.sessionLifetimes
            if let session = try await strand.database.read({ try await SessionStore.resume(token: token, lifetimes: lifetimes, db: $0) }) {
                request.identity = try await self.identity(userId: session.userId, session: session, strand: strand)
                if Self.stale(session.lastSeenAt) { try await strand.database.write { try await SessionStore.touch(id: session.id, db: $0) } }
            }
        }
        return try await next.respond(to: request)
    }

    /// Activity is recorded at most once a minute, so reads stay reads.
    static func stale(_ time: Int64?) -> Bool { Clock.millis() - (time ?? 0) > 60_000 }

    func identity(userId: Int64, session: SessionInfo?, strand: Strand) async throws -> Identity? {
        try await strand.database.read { db in
            guard let user = try await Directory.user(id: userId, db: db),
                  let actor = try await Directory.actor(for: user, db: db) else { return nil }
            return Identity(user: user, actor: actor, session: session)
        }
    }
}
