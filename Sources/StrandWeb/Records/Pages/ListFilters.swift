import StrandCore
import StrandStore

/// The filter form of a list page (a plain GET form) and the saved views beside it.
enum ListFilters {
    static func render(_ context: PageContext, _ model: ListPage.Model) -> Node {
        let s = context.strings
        let entity = model.entity
        let current = Dictionary(model.items, uniquingKeysWith: { first, _ in first })
        return el("details", .class("filters-panel"), Attribute(flag: "open", model.items.contains { $0.0.hasPrefix("filter[") || $0.0 == "q" })) {
            el("summary") { s("action.filter") }
            el("form", .class("filters"), Attribute("method", "get"), .action(model.path)) {
                el("input", .type("hidden"), .name("sort"), .value(model.query.sort.parameter))
                self.field("q", s("search.title"), el("input", .id("filter-q"), .name("q"), .type("search"), .value(current["q"] ?? "")))
                for field in entity.fields where field.filterable && field.type != .link
                    && context.identity?.actor.access(to: field.key, of: entity.key) != .hidden {
                    self.field("filter[\(field.key)]", s.field(entity.key, field.key), self.control(context, entity, field, current["filter[\(field.key)]"] ?? ""))
                }
                if entity.ownership == .owned {
                    let owners = model.users.map { FieldDefinition.Option(value: String($0.id), label: $0.name) }
                    self.select("owner_id", s("system.owner_id"), options: owners, current: current)
                    let departments = model.departments.tree().map { FieldDefinition.Option(value: String($0.department.id), label: String(repeating: "　", count: $0.depth) + $0.department.name) }
                    self.select("department_id", s("system.department_id"), options: departments, current: current)
                }
                for prefix in ["created", "updated"] {
                    el("div", .class("field range")) {
                        el("label", Attribute("for", "filter-\(prefix)-from")) { s("list.\(prefix)_between") }
                        el("input", .type("date"), .id("filter-\(prefix)-from"), .name("\(prefix)_from"), .value(current["\(prefix)_from"] ?? ""))
                        el("input", .type("date"), .id("filter-\(prefix)-to"), .name("\(prefix)_to"), .value(current["\(prefix)_to"] ?? ""), .aria(label: s("list.between")))
                    }
                }
                el("div", .class("form-actions")) {
                    el("button", .type("submit"), .class("primary")) { s("action.filter") }
                    el("a", .href(model.path), .class("button")) { s("action.reset") }
                }
            }
            self.views(context, model)
        }
    }

    /// A `filter[column]` choice among `options`, showing what `current` has chosen.
    static func select(_ column: String, _ label: String, options: [FieldDefinition.Option], current: [String: String]) -> Node {
        let name = "filter[\(column)]"
        return self.field(name, label, FieldDefinition.select([.id("filter-\(column)"), .name(name)], options: options,
                                                             selected: current[name] ?? "", blank: true))
    }

    /// Names by id (people, departments) as options in alphabetical order.
    static func options(_ names: [Int64: String]) -> [FieldDefinition.Option] {
        names.sorted { $0.value < $1.value }.map { FieldDefinition.Option(value: String($0.key), label: $0.value) }
    }

    /// Filter and reset buttons of a filter card outside the list page (the board, the funnel).
    static func actions(_ s: Strings, reset path: String) -> Node {
        el("div", .class("actions")) {
            el("button", .type("submit"), .class("button primary")) { s("action.filter") }
            el("a", .href(path), .class("button")) { s("action.reset") }
        }
    }

    static func field(_ name: String, _ label: String, _ control: Node) -> Node {
        let id = "filter-" + name.replacingOccurrences(of: "filter[", with: "").replacingOccurrences(of: "]", with: "")
        return el("div", .class("field")) {
            el("label", Attribute("for", id)) { label }
            control
        }
    }

    static func control(_ context: PageContext, _ entity: EntityDefinition, _ field: FieldDefinition, _ value: String) -> Node {
        let id = "filter-\(field.key)", name = "filter[\(field.key)]"
        switch field.type {
        case .choice:
            let options = field.options.map { FieldDefinition.Option(value: $0, label: field.label(of: $0, entity: entity.key, strings: context.strings)) }
            return FieldDefinition.select([.id(id), .name(name)], options: options, selected: value, blank: true)
        case .date:
            return el("input", .type("date"), .id(id), .name(name), .value(value))
        default:
            return el("input", .type("text"), .id(id), .name(name), .value(value))
        }
    }

    static func views(_ context: PageContext, _ model: ListPage.Model) -> Node {
        let s = context.strings
        let query = model.items.filter { $0.0 != "cursor" }
        return el("div", .class("views")) {
            if !model.views.isEmpty {
                el("span", .class("muted")) { s("list.views") + "：" }
                for view in model.views { el("a", .href("/\(model.entity.resource)?" + view.query), .class("button")) { view.name } }
            }
            if !query.isEmpty {
                el("form", .class("inline"), Attribute("method", "post"), .action("/\(model.entity.resource)/views")) {
                    context.csrfField
                    el("input", .type("hidden"), .name("query"), .value(query.map { "\(ListPage.encode($0.0))=\(ListPage.encode($0.1))" }.joined(separator: "&")))
                    el("input", .type("text"), .name("name"), Attribute(flag: "required", true), Attribute("maxlength", "40"), .aria(label: s("list.view_name")),
                       Attribute("placeholder", s("list.view_name")))
                    el("button", .type("submit")) { s("action.save_view") }
                }
            }
        }
    }
}
