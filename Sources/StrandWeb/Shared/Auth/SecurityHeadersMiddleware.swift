import Vapor

/// Headers that keep a page from being framed, sniffed or made to run scripts from elsewhere.
/// Inline scripts are refused, so even text that slipped past escaping could not run.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"),
            ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if request.headers.bearerAuthorization == nil && response.headers.first(name: .cacheControl) == nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        if let token = request.storage[Request.PreSessionTokenKey.self], request.cookies[CSRFMiddleware.preSessionCookie] == nil {
            response.cookies[CSRFMiddleware.preSessionCookie] = HTTPCookies.Value(
                string: token, maxAge: 3600, path: "/", isSecure: request.isHTTPS, isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }
}

extension Request {
    /// Served over https, directly or (by the forwarded header of a trusted proxy) behind one.
    var isHTTPS: Bool {
        self.url.scheme == "https" || (self.fromTrustedProxy && self.headers.first(name: "X-Forwarded-Proto") == "https")
    }
}
