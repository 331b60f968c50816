import StrandCore
import StrandStore
import Vapor

/// A list of records with filters, sorting, saved views, key paging and row selection.
enum ListPage {
    struct Model: Sendable {
        let entity: EntityDefinition
        let query: ListQuery
        let page: Page
        let lookups: Lookups
        let views: [SavedView]
        /// The raw query items, to refill the filter form and build links.
        let items: [(String, String)]
        let canCreate: Bool
        let users: [User]
        let departments: [Department]
        /// Where the list lives: `/customers`, or a pool's page.
        var path: String
        /// Titles link to the records' pages; not in a pool, whose customers the reader cannot open.
        /// Where a row's title links, before its id: the record's own page unless a feature shows it elsewhere.
        var recordsAt: String?
        var canExport = false
        /// Related lists a workbook with a sheet per record may carry.
        var sheetLists: [EntityDefinition] = []
        /// Columns a page adds after the entity's own (a pool's: who had the customer, and why).
        var extraColumns: [Column] = []
        /// The entity's fields the reader sees as columns (`ListColumns`).
        var columns: [FieldDefinition] = []
    }

    struct Column: Sendable {
        let label: String
        let values: [Int64: String]
    }

    /// The list of the records `scope` reaches, the reader's view scope unless told otherwise.
    static func model(_ request: Request, entity: EntityDefinition, scope: ScopeFilter? = nil, path: String? = nil) async throws -> Model {
        let identity = try request.requireIdentity()
        let strand = request.strand
        let (views, users, departments) = try await strand.database.read { db in
            (try await SavedViews.list(userId: identity.user.id, entity: entity.key, db: db),
             try await Directory.users(db: db), try await Directory.departments(db: db))
        }
        let query = try ListRequest.query(request, entity: entity, timeZone: identity.timeZone)
        try ListRequest.checkAccess(query, entity: entity, actor: identity.actor)
        var counted = query.expandingDepartments(departments)
        counted.counting = true
        let page = try await strand.database.list(entity, query: counted, scope: scope ?? identity.actor.filter(.view, on: entity.key))
        let lookups = try await Lookups.load(for: page.records, entity: entity, request: request)
        var model = Model(entity: entity, query: query, page: page, lookups: lookups, views: views, items: ListRequest.items(request),
                          canCreate: identity.actor.can(.create, on: entity.key), users: users, departments: departments,
                          path: path ?? "/\(entity.resource)")
        model.columns = try await ListColumns.shown(request, entity: entity)
        model.canExport = path == nil && scope == nil && identity.actor.can(.export, on: entity.key)
        model.sheetLists = model.canExport ? strand.catalog.related(to: entity.key).map(\.entity).filter { identity.actor.can(.export, on: $0.key) } : []
        return model
    }

    static func render(_ context: PageContext, _ model: Model) -> Response {
        let s = context.strings
        let entity = model.entity
        let title = s("nav.\(entity.resource)")
        return Layout.render(context, title: title) {
            el("div", .class("toolbar")) {
                el("h1") { title }
                if model.canCreate { el("a", .href("/\(entity.resource)/new"), .class("button primary")) { s("action.new") } }
                if model.canExport { self.exportLinks(context, model) }
                if model.path == "/\(entity.resource)" { ListColumns.chooser(context, model) }
                el("span", .id("selection-count"), .class("muted"), Attribute("data-template", s.template("list.selected")), Attribute(flag: "hidden", true))
            }
            ListFilters.render(context, model)
            if let matches = model.page.matches, !model.page.records.isEmpty { self.matchCount(context, matches) }
            BulkBar.form(context, model) { ListTable.render(context, model) }
            self.pager(context, model)
        }
    }

    /// How many records match: counted, or said to be about so many.
    static func matchCount(_ context: PageContext, _ matches: MatchCount) -> Node {
        let count = FieldDefinition.grouped(String(matches.count))
        return el("p", .class("match-count muted"), .id("match-count"), Attribute("data-exact", matches.exact ? "true" : "false")) {
            context.strings(matches.exact ? "list.matches" : "list.matches_about", ["count": count])
        }
    }

    static func pager(_ context: PageContext, _ model: Model) -> Node {
        let base = model.items.filter { $0.0 != "cursor" }
        return el("div", .class("pager")) {
            if let previous = model.page.previous {
                el("a", .href(self.link(model.path, base + [("cursor", previous.token)])), .class("button"), Attribute("rel", "prev")) {
                    "← " + context.strings("action.previous")
                }
            }
            if let next = model.page.next {
                el("a", .href(self.link(model.path, base + [("cursor", next.token)])), .class("button"), Attribute("rel", "next")) {
                    context.strings("action.next") + " →"
                }
            }
        }
    }

    /// The list as shown, as a download: its search, filters and sort, not its page.
    static func exportLinks(_ context: PageContext, _ model: Model) -> Node {
        let shown = model.items.filter { $0.0 != "cursor" && $0.0 != "format" && $0.0 != "encoding" }
        let path = "/\(model.entity.resource)/export"
        return el("span", .class("export-links")) {
            el("a", .href(self.link(path, shown + [("format", "xlsx")])), .class("button"), Attribute("download", "")) { context.strings("export.xlsx") }
            el("a", .href(self.link(path, shown + [("format", "csv")])), .class("button"), Attribute("download", "")) { context.strings("export.csv") }
            el("a", .href(self.link(path, shown + [("format", "csv"), ("encoding", "gb18030")])), .class("button"), Attribute("download", "")) {
                context.strings("export.csv_gb18030")
            }
            if !model.sheetLists.isEmpty { self.workbookForm(context, model, shown: shown) }
        }
    }

    /// A sheet per record of the list, with the related lists ticked.
    static func workbookForm(_ context: PageContext, _ model: Model, shown: [(String, String)]) -> Node {
        let s = context.strings
        return el("details", .class("export-workbook")) {
            el("summary", .class("button")) { s("export.workbook") }
            el("form", Attribute("method", "get"), .action("/\(model.entity.resource)/export"), .id("export-workbook")) {
                for (key, value) in shown { el("input", .type("hidden"), .name(key), .value(value)) }
                el("input", .type("hidden"), .name("per"), .value("record"))
                el("span") { s("export.workbook_related") }
                for list in model.sheetLists {
                    el("label", .class("check")) {
                        el("input", .type("checkbox"), .name("related"), .value(list.resource), Attribute(flag: "checked", true))
                        s("nav.\(list.resource)")
                    }
                }
                el("button", .type("submit")) { s("export.workbook_go") }
            }
        }
    }

    /// `path` with `items` as its query string.
    static func link(_ path: String, _ items: [(String, String)]) -> String {
        let query = items.map { "\(self.encode($0.0))=\(self.encode($0.1))" }.joined(separator: "&")
        return path + (query.isEmpty ? "" : "?" + query)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
