import StrandCore
import StrandStore

/// The table of a list page: sortable headers, a selection box per row, linked titles. On a
/// phone each row is a card of the title and the entity's card fields, each beside its name, and
/// the headers of those columns are a row of sort buttons.
enum ListTable {
    static func render(_ context: PageContext, _ model: ListPage.Model) -> Node {
        let s = context.strings
        let entity = model.entity
        let columns = model.columns
        guard !model.page.records.isEmpty else { return el("p", .class("muted")) { s("list.empty") } }
        let onCard = entity.cardFieldKeys.union([entity.titleField])
        return el("div", .class("table-wrap")) {
            el("table", .class("records")) {
                el("thead") {
                    el("tr") {
                        el("th") {
                            el("label", .class("select-all")) {
                                el("input", .type("checkbox"), .id("select-all"), .aria(label: s("list.select_all")))
                                el("span", .class("phone-only"), Attribute("aria-hidden", "true")) { s("list.select_all") }
                            }
                        }
                        for field in columns {
                            self.header(context, model, column: field.key, label: s.field(entity.key, field.key), sortable: field.sortable,
                                        onCard: onCard.contains(field.key))
                        }
                        for column in model.extraColumns { el("th") { column.label } }
                        if entity.ownership == .owned { self.header(context, model, column: "owner_id", label: s("system.owner_id"), sortable: true) }
                        self.header(context, model, column: "updated_at", label: s("system.updated_at"), sortable: true, onCard: true)
                    }
                }
                el("tbody") {
                    for record in model.page.records { self.row(context, model, record, columns: columns, onCard: onCard) }
                }
            }
        }
    }

    static func row(_ context: PageContext, _ model: ListPage.Model, _ record: Record, columns: [FieldDefinition], onCard: Set<String>) -> Node {
        let entity = model.entity
        let s = context.strings
        return el("tr") {
            el("td", .class("pick")) { el("input", .type("checkbox"), .class("row-select"), .name("ids"), .value(String(record.id)), .aria(label: record.title(entity))) }
            for field in columns {
                let role = field.key == entity.titleField ? "title" : onCard.contains(field.key) ? "" : "more"
                el("td", .class(role), .data("data-label", s.field(entity.key, field.key))) {
                    let text = field.display(record[field.key], entity: entity.key, strings: context.strings, timeZone: context.timeZone, lookups: model.lookups)
                    if field.key == entity.titleField {
                        el("a", .href("\(model.recordsAt ?? "/" + entity.resource)/\(record.id)")) { text.isEmpty ? "#\(record.id)" : String(text.prefix(80)) }
                    } else if field.type == .link, let target = field.linkTo, let id = record[field.key].integerValue,
                              model.lookups.title(target, id) != nil, let path = context.path(target, id) {
                        el("a", .href(path)) { text }
                    } else {
                        String(text.prefix(80))
                    }
                }
            }
            for column in model.extraColumns {
                el("td", .data("data-label", column.label)) { String((column.values[record.id] ?? "").prefix(80)) }
            }
            if entity.ownership == .owned {
                el("td", .class("more"), .data("data-label", s("system.owner_id"))) { record.ownerId.flatMap { model.lookups.users[$0] } ?? "" }
            }
            el("td", .class("muted"), .data("data-label", s("system.updated_at"))) { context.time(record.updatedAt) }
        }
    }

    static func header(_ context: PageContext, _ model: ListPage.Model, column: String, label: String, sortable: Bool,
                       onCard: Bool = false) -> Node {
        let role = Attribute.class(onCard ? "" : "more")
        guard sortable else { return el("th", role) { label } }
        let current = model.query.sort
        let descending = current.column == column ? !current.descending : column == "updated_at"
        let items = model.items.filter { $0.0 != "sort" && $0.0 != "cursor" } + [("sort", (descending ? "-" : "") + column)]
        let state = current.column == column ? (current.descending ? "sort desc" : "sort asc") : "sort"
        return el("th", role, Attribute("aria-sort", current.column == column ? (current.descending ? "descending" : "ascending") : "none")) {
            el("a", .href(ListPage.link(model.path, items)), .class(state)) { label }
        }
    }
}
