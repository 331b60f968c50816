import StrandStore
import Vapor

/// Every state-changing request from a browser must carry the session's CSRF token, as the
/// `_csrf` form field or the `X-CSRF-Token` header. The sign-in form, made before any session, uses a cookie-bound token instead.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "_csrf"
    static let preSessionCookie = "strand_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Only ambient credentials (the session cookie) can be abused across sites: a bearer
        // token, or an API call that carries no session cookie, needs no CSRF token.
        let ambient = request.cookies[IdentityMiddleware.cookieName] != nil || !request.isAPI
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method), request.headers.bearerAuthorization == nil, ambient else {
            return try await next.respond(to: request)
        }
        // Middleware runs before the route gathers the body; a form's token is in the body.
        if request.body.data == nil { _ = try await request.body.collect(max: 25 * 1024 * 1024).get() }
        let sent = request.headers.first(name: "X-CSRF-Token") ?? (request.isAPI ? nil : try? FormInput.values(request)[Self.field])
        let expected = request.identity?.session?.csrfToken ?? request.cookies[Self.preSessionCookie]?.string
        guard let sent, let expected, !expected.isEmpty, Self.equal(sent, expected) else {
            throw Abort(.forbidden, reason: "csrf")
        }
        return try await next.respond(to: request)
    }

    /// Compares in time that does not depend on where the strings differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The token a form on this page must send back.
    var csrfToken: String { self.identity?.session?.csrfToken ?? self.preSessionToken }

    var preSessionToken: String {
        if let existing = self.storage[PreSessionTokenKey.self] { return existing }
        let token = self.cookies[CSRFMiddleware.preSessionCookie]?.string ?? Secrets.token()
        self.storage[PreSessionTokenKey.self] = token
        return token
    }

    struct PreSessionTokenKey: StorageKey {
        typealias Value = String
    }
}
