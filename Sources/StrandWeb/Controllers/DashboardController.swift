import StrandCore
import StrandStore
import Vapor

/// The workbench shell: a greeting, the reader's recently updated customers and the
/// follow-ups due today. Later issues fill it with schedules, tasks and figures.
enum DashboardController {
    static func show(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let strand = request.strand
        let customers = strand.catalog.entity("customer")!
        var recent = ListQuery()
        recent.limit = 10
        let page = try await strand.database.list(customers, query: recent, scope: identity.actor.filter(.view, on: "customer"))
        let lookups = try await Lookups.load(for: page.records, entity: customers, request: request)
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("nav.home")) {
            el("h1") { s("home.welcome", ["name": identity.user.name]) }
            el("section", .class("card")) {
                el("div", .class("toolbar")) {
                    el("h2") { s("home.recent") }
                    if identity.actor.can(.create, on: "customer") { el("a", .href("/customers/new"), .class("button primary")) { s("action.new") } }
                }
                if page.records.isEmpty { el("p", .class("muted")) { s("list.empty") } }
                el("ul", .class("results")) {
                    for record in page.records {
                        el("li") {
                            el("a", .href("/customers/\(record.id)")) { record.title(customers) }
                            el("span", .class("muted")) { " " + (record.ownerId.flatMap { lookups.users[$0] } ?? "") + " · " + context.time(record.updatedAt) }
                        }
                    }
                }
            }
        }
    }
}
