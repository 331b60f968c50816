import StrandCore
import StrandStore
import Vapor

/// `/admin/users/:id/handover`: what a person owns, and where it all goes in one step.
enum AdminHandover {
    static func show(_ request: Request) async throws -> Response {
        let id = try ApiRecordsController.id(request)
        let users = try await request.strand.database.read { try await Directory.users(db: $0) }
        guard let user = users.first(where: { $0.id == id }) else { throw RecordError.notFound }
        let counts = try await Handover(records: request.strand.records).counts(of: id)
        let context = PageContext(request)
        let s = context.strings
        let people = users.filter { $0.active && $0.id != id }.map { FieldDefinition.Option(value: String($0.id), label: $0.name) }
        return Layout.render(context, title: s("handover.title", ["name": user.name])) {
            el("section", .class("card narrow")) {
                el("h1") { s("handover.title", ["name": user.name]) }
                el("p") { s("handover.explain", ["name": user.name]) }
                el("p", .id("handover-counts")) {
                    s("handover.counts", ["customers": String(counts["customer"] ?? 0), "leads": String(counts["lead"] ?? 0),
                                          "opportunities": String(counts["opportunity"] ?? 0)])
                }
                el("form", Attribute("method", "post"), .action("/admin/users/\(id)/handover"), .id("handover-form")) {
                    context.csrfField
                    el("div", .class("field")) {
                        el("label", Attribute("for", "handover-to")) { s("handover.others_to") }
                        FieldDefinition.select([.id("handover-to"), .name("to"), Attribute(flag: "required", true)], options: people, selected: "", blank: true)
                    }
                    el("label", .class("checkbox")) {
                        el("input", .type("checkbox"), .name("customers_to_pool"), .value("1"))
                        s("handover.customers_to") + "：" + s("handover.to_pool")
                    }
                    el("div", .class("form-actions")) {
                        el("button", .type("submit"), .class("primary")) { s("handover.submit") }
                        el("a", .href("/admin/users/\(id)"), .class("button")) { s("action.cancel") }
                    }
                }
            }
        }
    }

    static func run(_ request: Request) async throws -> Response {
        let id = try ApiRecordsController.id(request)
        let form = try FormInput.values(request)
        guard let target = form["to"].flatMap({ Int64($0) }) else {
            throw RecordError.invalid(ValidationFailure(["to": FieldError("required")]))
        }
        try await Handover(records: request.strand.records).run(from: id, to: target, customersToPool: form["customers_to_pool"] == "1",
                                                                context: try request.writeContext())
        return request.redirect(to: "/admin/users/\(id)/handover")
    }
}
