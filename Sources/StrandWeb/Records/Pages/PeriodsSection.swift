import StrandCore
import StrandStore

/// How long a record held each value of its tracked fields: an opportunity's days per stage,
/// a customer's owners.
enum PeriodsSection {
    static func render(_ context: PageContext, entity: EntityDefinition, periods: [ValuePeriod], lookups: Lookups) -> Node {
        let s = context.strings
        let visible = periods.filter { context.identity?.actor.access(to: $0.field, of: entity.key) != .hidden }
        let now = Clock.millis()
        return el("section", .class("card related"), .id("periods")) {
            el("h2") { s("periods.title") }
            el("table", .class("periods")) {
                for period in visible {
                    el("tr") {
                        el("th") { entity.field(period.field) != nil ? s.field(entity.key, period.field) : s("system.\(period.field)") }
                        el("td") { self.value(context, entity, period, lookups) }
                        el("td", .class("when")) { context.time(period.startedAt) + " – " + (period.endedAt.map(context.time) ?? s("periods.current")) }
                        el("td", .class("num")) { s("periods.days", ["days": String(period.days(now: now))]) }
                    }
                }
            }
        }
    }

    static func value(_ context: PageContext, _ entity: EntityDefinition, _ period: ValuePeriod, _ lookups: Lookups) -> String {
        if period.field == SystemColumn.ownerId.rawValue { return Int64(period.value).flatMap { lookups.users[$0] } ?? "—" }
        return HistorySection.text(context, entity, period.field, period.value, lookups: lookups)
    }
}

/// What happened to a customer in the public pool: claims, returns with their reasons, assignments.
enum PoolEventsSection {
    static func render(_ context: PageContext, events: [Pools.Event], people: [Int64: String]) -> Node {
        let s = context.strings
        return el("section", .class("card related"), .id("pool-events")) {
            el("h2") { s("pool.events") }
            el("table", .class("periods")) {
                for event in events {
                    el("tr") {
                        el("td", .class("when")) { context.time(event.at) }
                        el("th") { s("pool.event.\(event.kind)") }
                        el("td") { event.userId.flatMap { people[$0] } ?? "—" }
                        el("td") { event.reason }
                    }
                }
            }
        }
    }
}
