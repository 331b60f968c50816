import StrandCore

/// A navigation entry that is not an entity's own list: a feature's page, placed in an area
/// after the list it belongs with, and shown only to whoever may use it.
struct MenuItem: Sendable {
    let path: String
    let label: String
    let area: Area
    /// The entity list it follows in its area; nil puts it after the area's lists.
    var after: String?
    let shown: @Sendable (PageContext) -> Bool

    /// Shown to whoever may see the records of `entity`.
    static func seeing(_ entity: String) -> @Sendable (PageContext) -> Bool {
        { $0.identity?.actor.can(.view, on: entity) ?? false }
    }
}

/// The navigation, grouped by area: each area's entity lists in catalogue order, each followed
/// by the features that belong with it.
enum Menu {
    static let features: [MenuItem] = [
        MenuItem(path: "/pools", label: "nav.pools", area: .customers, after: "customers", shown: MenuItem.seeing("customer")),
        MenuItem(path: "/care", label: "care.title", area: .customers, after: "contacts", shown: MenuItem.seeing("contact")),
        MenuItem(path: "/opportunities/board", label: "nav.board", area: .sales, after: "opportunities", shown: MenuItem.seeing("opportunity")),
        MenuItem(path: "/targets", label: "nav.targets", area: .sales, after: "opportunities", shown: MenuItem.seeing("opportunity")),
        MenuItem(path: "/calendar", label: "calendar.title", area: .schedule, after: "events", shown: MenuItem.seeing("event")),
        MenuItem(path: "/reports", label: "report.title", area: .schedule, shown: MenuItem.seeing("event")),
        MenuItem(path: "/opportunities/funnel", label: "nav.funnel", area: .reports, shown: MenuItem.seeing("opportunity")),
        MenuItem(path: "/receivables", label: "aging.title", area: .reports, shown: MenuItem.seeing("instalment")),
        MenuItem(path: "/commissions", label: "commission.title", area: .reports, shown: MenuItem.seeing("instalment")),
        MenuItem(path: "/imports", label: "nav.imports", area: .system, shown: { context in
            context.catalog.entities.contains { context.identity?.actor.can(.create, on: $0.key) ?? false }
        }),
        MenuItem(path: "/account", label: "nav.account", area: .system, shown: { $0.identity != nil }),
    ] + [
        ("/admin/users", "nav.users"), ("/admin/departments", "nav.departments"), ("/admin/roles", "nav.roles"),
        ("/admin/pools", "admin.pools"), ("/admin/pipelines", "admin.pipelines"), ("/admin/territories", "admin.territories"),
        ("/admin/commerce", "admin.commerce"), ("/admin/sign-in-locks", "locks.title"), ("/admin/audit", "nav.audit"),
        ("/admin/recycle", "nav.recycle"), ("/admin/mail", "mail.title"), ("/admin/settings", "nav.settings"),
    ].map { path, label in MenuItem(path: path, label: label, area: .system, shown: { $0.isAdmin }) }

    typealias Entry = (path: String, label: String)

    /// The entries each area shows this reader, as path and words; empty areas left out.
    static func groups(_ context: PageContext) -> [(area: Area, items: [Entry])] {
        let features = self.features.filter { $0.shown(context) }
        var groups: [(area: Area, items: [Entry])] = []
        for area in Area.allCases {
            let items = self.entries(of: area, features: features, context: context)
            if !items.isEmpty { groups.append((area, items)) }
        }
        return groups
    }

    static func entries(of area: Area, features: [MenuItem], context: PageContext) -> [Entry] {
        let s = context.strings
        let here = features.filter { $0.area == area }
        let featured = Set(features.map(\.path))
        var items: [Entry] = []
        for entity in context.catalog.entities where entity.area == area {
            let path = "/" + entity.resource
            // The targets page is the sales targets' list, placed among the features.
            guard context.identity?.actor.can(.view, on: entity.key) ?? false, !featured.contains(path) else { continue }
            items.append((path, s("nav.\(entity.resource)")))
            for item in here where item.after == entity.resource { items.append((item.path, s(item.label))) }
        }
        for item in here where item.after == nil { items.append((item.path, s(item.label))) }
        return items
    }
}
