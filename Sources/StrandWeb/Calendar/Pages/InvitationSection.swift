import StrandCore
import StrandStore
import Vapor

/// On an event's page: its organiser and participants with their answers, and for a
/// participant the buttons to accept or decline.
enum InvitationSection {
    static func render(_ context: PageContext, _ model: DetailPage.Model, responses: [Int64: Invitations.Response]) -> Node {
        let s = context.strings
        let record = model.record
        let reader = context.identity?.user.id
        return el("section", .class("card"), .id("invitations")) {
            el("h2") { s("invitation.title") }
            el("ul", .class("results")) {
                if let owner = record.ownerId {
                    el("li") { (model.lookups.users[owner] ?? "#\(owner)") + " · " + s("invitation.owner") }
                }
                for (user, answer) in responses.sorted(by: { $0.key < $1.key }) {
                    el("li", .data("data-user", String(user))) {
                        (model.lookups.users[user] ?? "#\(user)") + " · "
                        el("span", .class("response-\(answer.rawValue)")) { s("invitation.\(answer.rawValue)") }
                    }
                }
            }
            if let reader, let mine = responses[reader] {
                el("p") { s("invitation.yours", ["answer": s("invitation.\(mine.rawValue)")]) }
                el("form", .class("inline"), Attribute("method", "post"), .action("/events/\(record.id)/respond")) {
                    context.csrfField
                    el("button", .type("submit"), .name("response"), .value("accepted"), .class("primary"), .id("accept-invitation")) { s("invitation.accept") }
                    el("button", .type("submit"), .name("response"), .value("declined"), .id("decline-invitation")) { s("invitation.decline") }
                }
            }
        }
    }

    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.post("events", ":id", "respond") { request async throws -> Response in
            let id = try ApiRecordsController.id(request)
            try await self.respond(request, id: id, answer: try FormInput.values(request)["response"])
            return request.redirect(to: "/events/\(id)")
        }
        api.post("events", ":id", "response") { request async throws -> Response in
            struct Body: Content { var response: String }
            try await self.respond(request, id: try ApiRecordsController.id(request), answer: try request.content.decode(Body.self).response)
            return Response(status: .noContent)
        }
    }

    static func respond(_ request: Request, id: Int64, answer: String?) async throws {
        guard let answer = answer.flatMap(Invitations.Response.init), answer != .pending else {
            throw RecordError.invalid(ValidationFailure(["response": FieldError("not_an_option")]))
        }
        try await request.strand.records.respond(to: id, accept: answer == .accepted, context: try request.writeContext())
    }
}
