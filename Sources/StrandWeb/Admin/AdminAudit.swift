import StrandCore
import StrandStore
import Vapor

/// The audit log with filters by person, entity, action and day, newest first, paged by id.
enum AdminAudit {
    static func show(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        var query = AuditLog.Query()
        let items = Dictionary(ListRequest.items(request), uniquingKeysWith: { a, _ in a })
        query.userId = items["user_id"].flatMap { Int64($0) }
        query.entity = items["entity"].flatMap { $0.isEmpty ? nil : $0 }
        query.action = items["action"].flatMap(AuditAction.init(rawValue:))
        query.from = items["from"].flatMap { ListRequest.dayStart($0, timeZone: identity.timeZone, offset: 0) }
        query.to = items["to"].flatMap { ListRequest.dayStart($0, timeZone: identity.timeZone, offset: 1) }.map { $0 - 1 }
        query.beforeId = items["before"].flatMap { Int64($0) }
        let filters = query
        let (entries, users) = try await request.strand.database.read { db in
            (try await AuditLog.list(filters, db: db), try await Directory.users(db: db))
        }
        var lookups = Lookups()
        (lookups.users, lookups.departments) = try await request.directoryNames()
        let context = PageContext(request)
        let s = context.strings
        let catalog = request.strand.catalog
        let entityNames = catalog.entities.map(\.key) + AuditSubjects.keys
        let actions = AuditAction.allCases.map(\.rawValue)
        return Layout.render(context, title: s("nav.audit")) {
            el("h1") { s("nav.audit") }
            el("form", .class("filters card"), Attribute("method", "get"), .action("/admin/audit")) {
                ListFilters.field("user_id", s("admin.audit.who"), FieldDefinition.select([.id("filter-user_id"), .name("user_id")],
                    options: users.map { .init(value: String($0.id), label: $0.name) }, selected: items["user_id"] ?? "", blank: true))
                ListFilters.field("entity", s("admin.audit.what"), FieldDefinition.select([.id("filter-entity"), .name("entity")],
                    options: entityNames.map { .init(value: $0, label: s("entity.\($0)")) }, selected: items["entity"] ?? "", blank: true))
                ListFilters.field("action", s("admin.audit.action"), FieldDefinition.select([.id("filter-action"), .name("action")],
                    options: actions.map { .init(value: $0, label: s("audit.\($0)")) }, selected: items["action"] ?? "", blank: true))
                el("div", .class("field range")) {
                    el("label", Attribute("for", "audit-from")) { s("admin.audit.when") }
                    el("input", .type("date"), .id("audit-from"), .name("from"), .value(items["from"] ?? ""))
                    el("input", .type("date"), .name("to"), .value(items["to"] ?? ""), .aria(label: s("list.between")))
                }
                el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.filter") } }
            }
            el("div", .class("table-wrap")) {
                el("table", .class("records")) {
                    el("thead") { el("tr") {
                        for key in ["admin.audit.when", "admin.audit.who", "admin.audit.action", "admin.audit.what", "admin.audit.changes", "admin.audit.ip"] { el("th") { s(key) } }
                    } }
                    el("tbody") {
                        for entry in entries {
                            el("tr") {
                                el("td") { context.time(entry.at) }
                                el("td") { entry.userId.flatMap { lookups.users[$0] } ?? "—" }
                                el("td") { s("audit.\(entry.action.rawValue)") }
                                el("td") {
                                    if let entity = catalog.entity(entry.entity), let id = entry.recordId {
                                        el("a", .href("/\(entity.resource)/\(id)")) { s("entity.\(entry.entity)") + " #\(id)" }
                                    } else { s("entity.\(entry.entity)") + (entry.recordId.map { " #\($0)" } ?? "") }
                                }
                                el("td") {
                                    if let entity = AuditSubjects.entity(entry.entity, catalog: catalog) {
                                        HistorySection.changes(context, entity: entity, entry.changes, lookups: lookups)
                                    } else { entry.changes.map { "\($0.key): \($0.value.from ?? "—") → \($0.value.to ?? "—")" }.sorted().joined(separator: "; ") }
                                }
                                el("td") { entry.ip }
                            }
                        }
                    }
                }
            }
            if entries.count == query.limit, let last = entries.last {
                let rest = ListRequest.items(request).filter { $0.0 != "before" } + [("before", String(last.id))]
                el("div", .class("pager")) {
                    el("a", .class("button"), .href("/admin/audit?" + rest.map { "\(ListPage.encode($0.0))=\(ListPage.encode($0.1))" }.joined(separator: "&"))) {
                        s("action.next") + " →"
                    }
                }
            }
        }
    }
}
