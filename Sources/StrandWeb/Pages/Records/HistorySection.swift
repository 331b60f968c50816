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
                        if !visible.isEmpty { self.changes(context, entity: entity, visible) }
                    }
                }
            }
        }
    }

    static func changes(_ context: PageContext, entity: EntityDefinition, _ changes: [String: AuditChange]) -> Node {
        let s = context.strings
        return el("table", .class("changes")) {
            for (key, change) in changes.sorted(by: { $0.key < $1.key }) {
                el("tr") {
                    el("th") { entity.field(key) != nil ? s.field(entity.key, key) : s("system.\(key)") }
                    el("td") { el("del") { self.text(context, entity, key, change.from) } }
                    el("td") { el("ins") { self.text(context, entity, key, change.to) } }
                }
            }
        }
    }

    static func text(_ context: PageContext, _ entity: EntityDefinition, _ key: String, _ value: String?) -> String {
        guard let value else { return "—" }
        guard let field = entity.field(key) else { return value }
        switch field.type {
        case .choice: return field.label(of: value, entity: entity.key, strings: context.strings)
        case .dateTime: return Int64(value).map(context.time) ?? value
        case .money, .decimal: return Int64(value).map { ScaledDecimal.format($0, scale: field.effectiveScale) } ?? value
        default: return String(value.prefix(300))
        }
    }
}
