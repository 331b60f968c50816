import StrandCore
import StrandStore

/// A record's audit trail: who changed what, when, from what to what.
enum HistorySection {
    static func render(_ context: PageContext, entity: EntityDefinition, entries: [AuditEntry], lookups: Lookups) -> Node {
        let s = context.strings
        return el("section", .class("card related"), .id("history")) {
            el("h2") { s("detail.history") }
            if entries.isEmpty { el("p", .class("muted")) { s("detail.no_history") } }
            el("ol", .class("timeline")) {
                for entry in entries {
                    el("li") {
                        el("span", .class("when")) { context.time(entry.at) }
                        el("span", .class("who")) { " " + (entry.userId.flatMap { lookups.users[$0] } ?? "—") + " " + s("audit.\(entry.action.rawValue)") }
                        let visible = entry.changes.filter { context.identity?.actor.access(to: $0.key, of: entity.key) != .hidden }
                        if !visible.isEmpty { self.changes(context, entity: entity, visible, lookups: lookups) }
                    }
                }
            }
        }
    }

    /// The changed fields in the order the form shows them, the record's own columns after.
    static func changes(_ context: PageContext, entity: EntityDefinition, _ changes: [String: AuditChange], lookups: Lookups) -> Node {
        let s = context.strings
        return el("table", .class("changes")) {
            for key in self.ordered(Array(changes.keys), entity: entity) {
                el("tr") {
                    el("th") { entity.field(key) != nil ? s.field(entity.key, key) : s("system.\(key)") }
                    el("td") { el("del") { self.text(context, entity, key, changes[key]?.from, lookups: lookups) } }
                    el("td") { el("ins") { self.text(context, entity, key, changes[key]?.to, lookups: lookups) } }
                }
            }
        }
    }

    static func ordered(_ keys: [String], entity: EntityDefinition) -> [String] {
        let order = Dictionary(entity.fields.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return keys.sorted { (order[$0] ?? Int.max, $0) < (order[$1] ?? Int.max, $1) }
    }

    static func text(_ context: PageContext, _ entity: EntityDefinition, _ key: String, _ value: String?, lookups: Lookups) -> String {
        guard let value else { return "—" }
        guard let field = entity.field(key) else {
            let id = Int64(value)
            switch key {
            case "owner_id", "created_by": return id.flatMap { lookups.users[$0] } ?? value
            case "department_id": return id.flatMap { lookups.departments[$0] } ?? value
            default: return String(value.prefix(300))
            }
        }
        return field.displayStored(value, entity: entity.key, strings: context.strings, timeZone: context.timeZone, lookups: lookups)
    }
}
