import StrandCore
import StrandStore
import Vapor

/// The notification center: a person's notifications newest first, read or unread, the live
/// stream that brings new ones into any open page, and the same through the API.
enum NotificationsController {
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.get("notifications", use: self.page)
        pages.get("notifications", "stream", use: self.stream)
        pages.get("notifications", ":id", use: self.open)
        pages.post("notifications", "read", use: self.markRead)
        api.get("notifications", use: self.apiList)
        api.post("notifications", "read", use: self.apiMarkRead)
    }

    struct Listing {
        let notices: [Notice]
        /// The id to page on from, when there are older ones.
        let before: Int64?
        let unreadOnly: Bool
    }

    static func listing(_ request: Request) async throws -> Listing {
        let identity = try request.requireIdentity()
        let unreadOnly = (try? request.query.get(String.self, at: "unread")) == "1"
        let before = (try? request.query.get(String.self, at: "before")).flatMap(Int64.init)
        let limit = 50
        let notices = try await request.strand.database.read {
            try await Notices.list(userId: identity.user.id, unreadOnly: unreadOnly, before: before, limit: limit + 1, db: $0)
        }
        return Listing(notices: Array(notices.prefix(limit)), before: notices.count > limit ? notices[limit - 1].id : nil, unreadOnly: unreadOnly)
    }

    static func page(_ request: Request) async throws -> Response {
        NotificationsPage.render(PageContext(request), try await self.listing(request))
    }

    /// Follows a notification to its record, marking it read.
    static func open(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let id = try ApiRecordsController.id(request)
        guard let notice = try await request.strand.database.read({ try await Notices.find(id: id, userId: identity.user.id, db: $0) }) else {
            throw RecordError.notFound
        }
        try await Notices.markRead(userId: identity.user.id, ids: [id], now: Clock.millis(), database: request.strand.database)
        return request.redirect(to: NoticeText.path(notice, catalog: request.strand.catalog))
    }

    /// Marks the ticked notifications read, or all of them; back where the form was.
    static func markRead(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let form = try FormInput.values(request)
        let ids = form.ids("id")
        // "Mark the ticked ones" with none ticked marks nothing, rather than everything.
        if form["selected"] == nil || !ids.isEmpty {
            try await Notices.markRead(userId: identity.user.id, ids: ids.isEmpty ? nil : ids, now: Clock.millis(), database: request.strand.database)
        }
        let back = FormInput.returnPath(form, field: "back") ?? "/notifications"
        return request.redirect(to: back)
    }

    static func json(_ notice: Notice, _ request: Request, identity: Identity) -> JSON {
        .object([
            "id": .number(String(notice.id)), "kind": .string(notice.kind), "entity": .string(notice.entity),
            "record_id": .number(String(notice.recordId)),
            "text": .string(NoticeText.text(notice, strings: request.strings, timeZone: identity.timeZone, catalog: request.strand.catalog)),
            "url": .string(NoticeText.path(notice, catalog: request.strand.catalog)),
            "created_at": .string(DateTimeText.iso(notice.createdAt)), "read": .bool(notice.readAt != nil),
        ])
    }

    static func apiList(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let listing = try await self.listing(request)
        return .json(.object([
            "data": .array(listing.notices.map { self.json($0, request, identity: identity) }),
            "next_before": listing.before.map { .number(String($0)) } ?? .null,
        ]))
    }

    struct ReadBody: Content {
        var ids: [Int64]?
    }

    static func apiMarkRead(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let body = try request.content.decode(ReadBody.self)
        try await Notices.markRead(userId: identity.user.id, ids: body.ids, now: Clock.millis(), database: request.strand.database)
        return Response(status: .noContent)
    }
}
