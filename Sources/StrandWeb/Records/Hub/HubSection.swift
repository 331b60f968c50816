import StrandCore
import StrandStore

/// The top of a hub page: the fields that matter and the features' figures, then a list of the
/// page's sections to jump to.
enum HubSection {
    static func summary(_ context: PageContext, _ model: DetailPage.Model, hub: Hub) -> Node {
        let s = context.strings
        let entity = model.entity, record = model.record
        return el("section", .class("card hub-summary"), .id("summary")) {
            el("dl", .class("figures")) {
                el("div") {
                    el("dt") { s("system.owner_id") }
                    el("dd") { record.ownerId.flatMap { model.lookups.users[$0] } ?? s("hub.unowned") }
                }
                for key in hub.summary {
                    if let field = entity.field(key), context.identity?.actor.access(to: key, of: entity.key) != .hidden {
                        el("div") {
                            el("dt") { s.field(entity.key, key) }
                            el("dd") { DetailPage.value(context, entity, field, record, model.lookups) }
                        }
                    }
                }
                for figure in model.hubFigures {
                    el("div", .class(figure.warning ? "warning" : "")) {
                        el("dt") { figure.label }
                        el("dd") {
                            if let path = figure.path { el("a", .href(path)) { figure.value } } else { figure.value }
                        }
                    }
                }
            }
        }
    }

    /// Links to the sections below, so a long page is one tap from any of them.
    static func sections(_ context: PageContext, _ model: DetailPage.Model) -> Node {
        let s = context.strings
        var anchors = [("timeline", s("hub.timeline")), ("details", s("detail.details"))]
        anchors += model.related.map { ("related-\($0.entity.resource)", s("nav.\($0.entity.resource)")) }
        anchors += [("notes", s("notes.title")), ("history", s("detail.history"))]
        return el("nav", .class("section-nav"), .aria(label: s("hub.sections"))) {
            for (id, label) in anchors { el("a", .href("#" + id)) { label } }
        }
    }
}

/// Everything that happened to the record, newest first, each with who did it.
enum TimelineSection {
    static func render(_ context: PageContext, _ model: DetailPage.Model, items: [TimelineItem]) -> Node {
        let s = context.strings
        return el("section", .class("card related"), .id("timeline")) {
            el("h2") { s("hub.timeline") }
            if items.isEmpty { el("p", .class("muted")) { s("list.empty") } }
            el("ol", .class("timeline feed")) {
                for item in items {
                    el("li") {
                        el("span", .class("when")) { self.when(context, item) }
                        el("span", .class("who")) { item.who.flatMap { model.lookups.users[$0] } ?? "—" }
                        self.content(context, model, item)
                    }
                }
            }
        }
    }

    static func when(_ context: PageContext, _ item: TimelineItem) -> String {
        guard case .record(let source, let record) = item.kind, let field = Timeline.momentField(of: source.entity),
              field.type == .date, case .text(let day) = record[field.key], !day.isEmpty else { return context.time(item.at) }
        return day
    }

    static func content(_ context: PageContext, _ model: DetailPage.Model, _ item: TimelineItem) -> Node {
        let s = context.strings
        switch item.kind {
        case .record(let source, let record):
            return .group([
                el("span", .class("tag")) { s("entity.\(source.entity.key)") },
                el("a", .href("/\(source.entity.resource)/\(record.id)"), .class("what")) { RelatedSection.title(context, source.entity, record) },
                RelatedSection.summary(context, source, record, after: nil),
            ])
        case .note(let note):
            return .group([el("span", .class("tag")) { s("notes.one") }, el("div", .class("what long-text")) { note.content }])
        case .change(let entry):
            let visible = entry.changes.filter { context.identity?.actor.access(to: $0.key, of: model.entity.key) != .hidden }
            return .group([
                el("span", .class("tag")) { s("audit.\(entry.action.rawValue)") },
                entry.action == .update && !visible.isEmpty
                    ? HistorySection.changes(context, entity: model.entity, visible, lookups: model.lookups) : .empty,
            ])
        }
    }
}
