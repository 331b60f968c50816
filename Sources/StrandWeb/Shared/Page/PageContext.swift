import Foundation
import StrandCore
import StrandStore
import Vapor

/// What every view needs from the request: the words, the reader, the CSRF token, the path.
struct PageContext: Sendable {
    let strings: Strings
    let identity: Identity?
    let csrf: String
    let path: String
    let catalog: EntityCatalog
    /// The "it worked" of the write that led here (`Flash`).
    let flash: String?

    init(_ request: Request, strings: Strings? = nil) {
        self.catalog = request.strand.catalog
        self.strings = strings ?? request.strings
        self.flash = Flash.message(request, strings: self.strings)
        self.identity = request.identity
        self.csrf = request.csrfToken
        self.path = request.url.path
    }

    var timeZone: TimeZone { self.identity?.timeZone ?? JobScheduler.companyTimeZone }
    var isAdmin: Bool { self.identity?.actor.isAdmin ?? false }

    /// The hidden field every form carries.
    var csrfField: Node { el("input", .type("hidden"), .name(CSRFMiddleware.field), .value(self.csrf)) }

    func time(_ millis: Int64) -> String { DateTimeText.local(millis, timeZone: self.timeZone) }

    /// The page of a record of another entity, such as a contact's customer.
    func path(_ entityKey: String, _ id: Int64) -> String? {
        self.catalog.entity(entityKey).map { "/\($0.resource)/\(id)" }
    }
}

extension Response {
    static func page(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}
