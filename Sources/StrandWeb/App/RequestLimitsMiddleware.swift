import Vapor

/// An address or header block beyond what any browser or script of ours sends is answered
/// 414 or 431 before anything reads it. Past NIO's own parser limit (80 KiB for the request
/// line and headers together) the framework closes the connection instead; these limits sit
/// well below it so that every oversized request a client could mean gets an answer.
struct RequestLimitsMiddleware: AsyncMiddleware {
    static let maxTargetBytes = 8 * 1024
    static let maxHeaderBytes = 32 * 1024
    static let maxFieldBytes = 16 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.string.utf8.count > Self.maxTargetBytes { throw Abort(.uriTooLong) }
        var total = 0
        for (name, value) in request.headers {
            let size = name.utf8.count + value.utf8.count
            total += size
            if size > Self.maxFieldBytes || total > Self.maxHeaderBytes { throw Abort(.requestHeaderFieldsTooLarge) }
        }
        return try await next.respond(to: request)
    }
}
