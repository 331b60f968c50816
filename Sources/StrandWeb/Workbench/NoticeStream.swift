import StrandCore
import StrandStore
import Vapor

/// Server-sent events bringing a person's new notifications into whatever page is open. It
/// asks the database every `interval`, so a notification left by any server process arrives;
/// each stream ends after `lifetime` and the browser reconnects, carrying the last id it saw
/// (`Last-Event-ID`), so nothing is missed between streams and no stream holds a shutdown up.
extension NotificationsController {
    static let interval: Duration = .seconds(2)
    static let lifetime: Duration = .seconds(25)

    static func stream(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let database = request.strand.database
        let userId = identity.user.id
        let latest = try await database.read { try await Notices.latestId(userId: userId, db: $0) }
        let start = request.headers.first(name: "Last-Event-ID").flatMap(Int64.init) ?? latest
        let render: @Sendable (Notice) -> String = { notice in
            "id: \(notice.id)\nevent: notice\ndata: \(self.json(notice, request, identity: identity).serialized)\n\n"
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/event-stream; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        // Stops proxies (nginx) from holding the events back in a buffer.
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        return Response(status: .ok, headers: headers, body: .init(asyncStream: { writer in
            // Vapor wants every stream ended, a reader gone away (a failed write) included.
            do {
                var last = start
                let unread = try await database.read { try await Notices.unreadCount(userId: userId, db: $0) }
                try await writer.write(.buffer(ByteBuffer(string: "retry: 1000\nid: \(last)\nevent: unread\ndata: \(unread)\n\n")))
                let ends = ContinuousClock.now + self.lifetime
                while ContinuousClock.now < ends, !Task.isCancelled {
                    try await Task.sleep(for: self.interval)
                    let seen = last
                    let fresh = try await database.read { try await Notices.since(userId: userId, id: seen, db: $0) }
                    guard let newest = fresh.last else { continue }
                    last = newest.id
                    let count = try await database.read { try await Notices.unreadCount(userId: userId, db: $0) }
                    try await writer.write(.buffer(ByteBuffer(string: fresh.map(render).joined() + "event: unread\ndata: \(count)\n\n")))
                }
                try await writer.write(.end)
            } catch {
                try? await writer.write(.error(error))
            }
        }))
    }
}
