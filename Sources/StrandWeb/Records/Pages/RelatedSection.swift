import StrandCore
import StrandStore

/// The records that belong to the one on the page. A child entity that links to itself (a
/// contact's "reports to") is drawn as a tree.
enum RelatedSection {
    static func render(_ context: PageContext, parent: DetailPage.Model, _ related: DetailPage.Related) -> Node {
        let s = context.strings
        let entity = related.entity
        return el("section", .class("card related"), .id("related-\(entity.resource)")) {
            el("h2") { s("nav.\(entity.resource)") }
            if let selfLink = entity.fields.first(where: { $0.type == .link && $0.linkTo == entity.key }) {
                self.tree(context, related, field: selfLink.key)
            } else {
                self.timeline(context, related)
            }
            if let path = related.newPath {
                el("a", .href(path), .class("button")) { s("action.add") + " " + s("entity.\(entity.key)") }
            }
            // A hub's first form is at the top of the page instead.
            if let form = related.inlineForm, parent.entity.hub?.writeFirst != entity.key {
                el("details", .class("inline-add"), Attribute(flag: "open", !form.errors.isEmpty)) {
                    el("summary") { s("action.add") + " " + s("entity.\(entity.key)") }
                    InlineForm.render(context, form)
                }
            }
        }
    }

    static func tree(_ context: PageContext, _ related: DetailPage.Related, field: String) -> Node {
        let ids = Set(related.records.map(\.id))
        func children(of parent: Int64?) -> [Record] {
            related.records.filter { record in
                let boss = record[field].integerValue
                return parent == nil ? (boss == nil || !ids.contains(boss!)) : boss == parent
            }
        }
        func branch(_ records: [Record], depth: Int) -> Node {
            el("ul", .class(depth == 0 ? "tree" : "")) {
                for record in records {
                    el("li") {
                        el("a", .href("/\(related.entity.resource)/\(record.id)")) { record.title(related.entity) }
                        self.summary(context, related, record)
                        if depth < 12 { branch(children(of: record.id), depth: depth + 1) }
                    }
                }
            }
        }
        guard !related.records.isEmpty else { return el("p", .class("muted")) { context.strings("list.empty") } }
        return branch(children(of: nil), depth: 0)
    }

    /// Newest first, each row its time, its title as the link to it, and its labelled values.
    static func timeline(_ context: PageContext, _ related: DetailPage.Related) -> Node {
        guard !related.records.isEmpty else { return el("p", .class("muted")) { context.strings("list.empty") } }
        let entity = related.entity
        return el("ol", .class("timeline")) {
            for record in related.records {
                el("li") {
                    el("span", .class("when")) { self.when(context, related, record) }
                    el("a", .href("/\(entity.resource)/\(record.id)"), .class("what")) { self.title(context, entity, record) }
                    self.summary(context, related, record, after: nil)
                }
            }
        }
    }

    /// The first time of the record that is set, else when it was made.
    static func when(_ context: PageContext, _ related: DetailPage.Related, _ record: Record) -> String {
        let time = related.entity.fields.first { $0.type == .dateTime && record[$0.key].integerValue != nil }
        return time.map { $0.display(record[$0.key], entity: related.entity.key, strings: context.strings, timeZone: context.timeZone, lookups: related.lookups) }
            ?? context.time(record.createdAt)
    }

    /// The record's title, never empty: a link must say where it goes.
    static func title(_ context: PageContext, _ entity: EntityDefinition, _ record: Record) -> String {
        let title = String(record.title(entity).prefix(200)).trimmingCharacters(in: .whitespacesAndNewlines)
        return title.isEmpty ? context.strings("entity.\(entity.key)") + " #\(record.id)" : title
    }

    /// The listed fields other than the title and the link to the record on the page, each with
    /// its label, in one muted line.
    static func summary(_ context: PageContext, _ related: DetailPage.Related, _ record: Record, after separator: String? = " · ") -> Node {
        let entity = related.entity
        let s = context.strings
        let parts = entity.listedFields
            .filter { $0.key != entity.titleField && $0.key != related.linkField && $0.type != .dateTime
                && context.identity?.actor.access(to: $0.key, of: entity.key) != .hidden }
            .map { field -> String in
                // A flag reads as its name when set ("主要联系人") and not at all when not.
                guard field.type == .bool else {
                    let value = field.display(record[field.key], entity: entity.key, strings: s, timeZone: context.timeZone, lookups: related.lookups)
                    return value.isEmpty ? "" : s.field(entity.key, field.key) + " " + value
                }
                return record[field.key] == .bool(true) ? s.field(entity.key, field.key) : ""
            }
            .filter { !$0.isEmpty }
        return el("span", .class("muted")) { parts.isEmpty ? "" : (separator ?? "") + parts.joined(separator: " · ") }
    }
}

/// The compact form that adds a child record without leaving the parent's page.
enum InlineForm {
    static func render(_ context: PageContext, _ model: FormPage.Model) -> Node {
        let entity = model.entity
        return el("form", Attribute("method", "post"), .action("/\(entity.resource)"), .class("inline-form"), Attribute(flag: "novalidate", true),
                  Attribute("enctype", entity.hasFiles ? "multipart/form-data" : "application/x-www-form-urlencoded")) {
            context.csrfField
            OnceToken.hiddenField
            if let returnTo = model.returnTo { el("input", .type("hidden"), .name("return_to"), .value(returnTo)) }
            if let link = entity.ownerLinkField { el("input", .type("hidden"), .name(link), .value(model.texts[link] ?? "")) }
            el("div", .class("form-grid")) {
                for field in entity.editableFields where field.key != entity.ownerLinkField && field.type != .choices
                    && context.identity?.actor.access(to: field.key, of: entity.key) == .full {
                    FormPage.field(context, model, field)
                }
            }
            el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { context.strings("action.save") } }
        }
    }
}
