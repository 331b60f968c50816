import StrandCore

/// A navigation entry that is not an entity's own list: a feature's page, placed in an area
/// after the list it belongs with, and shown only to whoever may use it.
struct MenuItem: Sendable {
    let path: String
    let label: String
    let area: Area
    /// The entry it follows in its area, as a path without its slash (an entity's list such as
    /// `customers`, or another feature's page such as `admin/roles`); nil puts it after the
    /// area's lists. An item whose anchor this reader does not see is not shown.
    var after: String?
    let shown: @Sendable (PageContext) -> Bool

    /// Shown to whoever may see the records of `entity`.
    static func seeing(_ entity: String) -> @Sendable (PageContext) -> Bool {
        { $0.identity?.actor.can(.view, on: entity) ?? false }
    }
}

/// The navigation, grouped by area: each area's entity lists in catalogue order, each followed
/// by the features' entries that belong with it.
enum Menu {
    static let items: [MenuItem] = Features.all.flatMap(\.menu)

    typealias Entry = (path: String, label: String)

    /// The entries each area shows this reader, as path and words; empty areas left out.
    static func groups(_ context: PageContext) -> [(area: Area, items: [Entry])] {
        let shown = self.items.filter { $0.shown(context) }
        var groups: [(area: Area, items: [Entry])] = []
        for area in Area.allCases {
            let items = self.entries(of: area, features: shown, context: context)
            if !items.isEmpty { groups.append((area, items)) }
        }
        return groups
    }

    static func entries(of area: Area, features: [MenuItem], context: PageContext) -> [Entry] {
        let s = context.strings
        let here = features.filter { $0.area == area }
        let featured = Set(features.map(\.path))
        // Each placed entry with what it follows: an item goes after its anchor and after the
        // items placed after that anchor before it, so that the features' order holds.
        var placed: [(entry: Entry, after: String?)] = []
        for entity in context.catalog.entities where entity.area == area {
            let path = "/" + entity.resource
            // The targets page is the sales targets' list, placed among the features.
            guard context.identity?.actor.can(.view, on: entity.key) ?? false, !featured.contains(path) else { continue }
            placed.append(((path, s("nav.\(entity.resource)")), nil))
        }
        for item in here where item.after == nil { placed.append(((item.path, s(item.label)), nil)) }
        var waiting = here.filter { $0.after != nil }
        while let next = waiting.firstIndex(where: { item in placed.contains { $0.entry.path == "/" + item.after! } }) {
            let item = waiting.remove(at: next)
            let anchor = placed.lastIndex { $0.entry.path == "/" + item.after! || $0.after == item.after }!
            placed.insert(((item.path, s(item.label)), item.after), at: anchor + 1)
        }
        return placed.map(\.entry)
    }
}
