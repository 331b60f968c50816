import Vapor

/// The one-line "it worked" after a write that redirects: a string key carried by a short-lived
/// cookie to the next page, which shows it once. Only keys of the catalogue are shown, so a
/// planted cookie can say nothing of its own.
enum Flash {
    static let cookie = "strand_flash"

    /// A redirect after a write, saying `key` (with its parameters) on the page it lands on.
    static func redirect(_ request: Request, to path: String, saying key: String, _ params: [String: String] = [:]) -> Response {
        let response = request.redirect(to: path, redirectType: .normal)
        self.say(key, params, on: response, request: request)
        return response
    }

    static func say(_ key: String, _ params: [String: String] = [:], on response: Response, request: Request) {
        // A follow-up's title is its whole text: the message names only its start.
        let shown = params.mapValues { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 }
        let value = ([key] + shown.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
            .map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }.joined(separator: "&")
        response.cookies[self.cookie] = HTTPCookies.Value(string: value, maxAge: 60, path: "/", isSecure: request.isHTTPS,
                                                          isHTTPOnly: true, sameSite: .lax)
    }

    /// The message a request carries, in the reader's words; nil when none or not one of ours.
    static func message(_ request: Request, strings: Strings) -> String? {
        guard let value = request.cookies[self.cookie]?.string, value.utf8.count <= 1000 else { return nil }
        let parts = value.split(separator: "&").map { String($0).removingPercentEncoding ?? "" }
        guard let key = parts.first, strings.has(key) else { return nil }
        var params: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { params[pair[0]] = String(pair[1].prefix(100)) }
        }
        return strings(key, params)
    }

    /// Shown once: the page that showed it clears it.
    static func clear(_ response: Response) {
        response.cookies[self.cookie] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
                                                          isHTTPOnly: true, sameSite: .lax)
    }
}

/// Every form post that redirects says that it worked: with its own words when the handler
/// chose them, else with a plain "done".
struct FlashMiddleware: AsyncMiddleware {
    static let quiet: Set<String> = ["/sign-in", "/sign-out"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.method == .POST, !request.isAPI, (300..<400).contains(response.status.code), response.cookies[Flash.cookie] == nil,
           !Self.quiet.contains(request.url.path) {
            Flash.say("flash.done", on: response, request: request)
        }
        return response
    }
}
