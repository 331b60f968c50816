import StrandStore
import Vapor

/// Signing in and out in the browser.
enum SessionController {
    static func show(_ request: Request) async throws -> Response {
        if request.identity != nil { return request.redirect(to: "/") }
        var context = PageContext(request)
        var languageCookie: Language?
        if let language = request.query[String.self, at: "lang"].flatMap(Language.init) {
            languageCookie = language
            context = PageContext(request, strings: Strings(language))
        }
        let response = SignInPage.render(context, next: self.safeNext(request.query[String.self, at: "next"]))
        if let languageCookie {
            response.cookies["strand_lang"] = HTTPCookies.Value(string: languageCookie.rawValue, maxAge: 31_536_000, path: "/",
                                                                isSecure: request.isHTTPS, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    struct Form: Content {
        var username: String
        var password: String
        var next: String?
    }

    static func signIn(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Form.self)
        let next = self.safeNext(form.next)
        let s = request.strings
        let userId: Int64
        do {
            userId = try await SignIn.attempt(username: form.username, password: form.password, request: request)
        } catch SignInError.locked(let minutes) {
            return SignInPage.render(PageContext(request), username: form.username, next: next,
                                     message: s("sign_in.locked", ["minutes": String(minutes)]), status: .tooManyRequests)
        } catch SignInError.limited(let minutes) {
            return SignInPage.render(PageContext(request), username: form.username, next: next,
                                     message: s("sign_in.limited", ["minutes": String(minutes)]), status: .tooManyRequests)
        } catch SignInError.failed {
            return SignInPage.render(PageContext(request), username: form.username, next: next, message: s("sign_in.failed"), status: .unauthorized)
        }
        // A new session id at every sign-in, so a token planted before sign-in is worth nothing.
        if let old = request.cookies[IdentityMiddleware.cookieName]?.string {
            try await request.strand.database.write { try await SessionStore.end(id: Secrets.digest(old), db: $0) }
        }
        let ip = request.clientIP, agent = request.headers.first(name: .userAgent) ?? ""
        let (token, _) = try await request.strand.database.write { try await SessionStore.start(userId: userId, ip: ip, userAgent: agent, db: $0) }
        let response = request.redirect(to: next, redirectType: .normal)
        response.cookies[IdentityMiddleware.cookieName] = HTTPCookies.Value(
            string: token, path: "/", isSecure: request.isHTTPS, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    static func signOut(_ request: Request) async throws -> Response {
        if let session = request.identity?.session {
            let userId = session.userId, ip = request.clientIP
            try await request.strand.database.write { db in
                try await SessionStore.end(id: session.id, db: db)
                try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: userId, ip: ip, action: .signOut, entity: "user",
                                                     recordId: userId, changes: [:]), db: db)
            }
        }
        let response = request.redirect(to: "/sign-in")
        response.cookies[IdentityMiddleware.cookieName] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
                                                                            isSecure: request.isHTTPS, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Only a plain local path: a sign-in link must not bounce anyone to another site. Browsers
    /// drop tabs and newlines and read a backslash as `/`, so `/%09/evil.example` would become
    /// `//evil.example`: no control, space or backslash, before and after decoding.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.utf8.count <= 2048, let decoded = next.removingPercentEncoding,
              self.isPlainPath(next), self.isPlainPath(decoded) else { return "/" }
        return next
    }

    private static func isPlainPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//")
            && !path.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.isWhitespace || $0 == "\\" }
    }
}
