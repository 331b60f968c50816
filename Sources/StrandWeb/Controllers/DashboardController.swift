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
        let notices = try await strand.database.read { try await Notices.unread(userId: identity.user.id, db: $0) }
        let waiting = try await self.waitingForReview(request, customers)
        let approvals = try await strand.database.read { try await ApprovalQueue.items(for: identity.actor, limit: 21, db: $0) }
        let approvalTitles = try await self.titles(of: approvals, request: request)
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("nav.home")) {
            el("h1") { s("home.welcome", ["name": identity.user.name]) }
            if !notices.isEmpty { self.notices(context, notices) }
            if !approvals.isEmpty {
                el("section", .class("card"), .id("approvals")) {
                    el("h2") { s("approval.waiting", ["count": approvals.count > 20 ? "20+" : String(approvals.count)]) }
                    el("ul", .class("results")) {
                        for item in approvals.prefix(20) {
                            el("li") {
                                el("a", .href(context.path(item.entity, item.recordId) ?? "/")) { approvalTitles[item.approvalId] ?? "#\(item.recordId)" }
                                el("span", .class("muted")) { " " + item.flowName + " · " + context.time(item.createdAt) }
                            }
                        }
                    }
                }
            }
            if !waiting.isEmpty {
                el("section", .class("card"), .id("reviews")) {
                    el("h2") { el("a", .href("/customers?filter%5Breview%5D=pending")) { s("review.waiting", ["count": waiting.count > 20 ? "20+" : String(waiting.count)]) } }
                    el("ul", .class("results")) {
                        for record in waiting.prefix(20) { el("li") { el("a", .href("/customers/\(record.id)")) { record.title(customers) } } }
                    }
                }
            }
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

    /// The titles of the records approvals wait on, one query per entity; the approver reads
    /// them whatever their scope.
    static func titles(of items: [ApprovalQueue.Item], request: Request) async throws -> [Int64: String] {
        var titles: [Int64: String] = [:]
        for (key, group) in Dictionary(grouping: items, by: \.entity) {
            guard let entity = request.strand.catalog.entity(key) else { continue }
            let records = try await request.strand.database.find(entity, ids: group.map(\.recordId), scope: ScopeFilter(.everything))
            let byId = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
            for item in group {
                guard let record = byId[item.recordId] else { continue }
                let number = record["number"].textValue.map { $0 + " " } ?? ""
                titles[item.approvalId] = number + record.title(entity)
            }
        }
        return titles
    }

    /// New customers the reader may approve or reject.
    static func waitingForReview(_ request: Request, _ customers: EntityDefinition) async throws -> [Record] {
        let actor = try request.requireIdentity().actor
        guard actor.can(.assign, on: customers.key) else { return [] }
        var query = ListQuery()
        query.filters = [ListQuery.Filter(column: "review", operation: .equals([.text(ReviewState.pending.rawValue)]))]
        query.limit = 21
        return try await request.strand.database.list(customers, query: query, scope: actor.filter(.assign, on: customers.key)).records
    }

    static func notices(_ context: PageContext, _ notices: [Notice]) -> Node {
        let s = context.strings
        return el("section", .class("card"), .id("notices")) {
            el("div", .class("toolbar")) {
                el("h2") { el("a", .href("/notifications?unread=1")) { s("notice.title") } }
                el("form", .class("inline"), Attribute("method", "post"), .action("/notifications/read")) {
                    context.csrfField
                    el("input", .type("hidden"), .name("back"), .value("/"))
                    el("button", .type("submit"), .class("link")) { s("notice.mark_read") }
                }
            }
            el("ul", .class("results")) {
                for notice in notices {
                    el("li") {
                        el("a", .href("/notifications/\(notice.id)")) {
                            NoticeText.text(notice, strings: s, timeZone: context.timeZone, catalog: context.catalog)
                        }
                    }
                }
            }
        }
    }
}
