import StrandCore
import StrandStore

/// The actions a list page offers on its ticked rows (transfer, return to the pool, tag,
/// delete), each only when the reader's role has it. The rows sit inside this form, so the
/// ticked boxes are what it sends.
enum BulkBar {
    enum Action: String, CaseIterable {
        case transfer, assignInTurn = "assign_in_turn", assignByTerritory = "assign_by_territory", `return`, share, tag, delete
    }

    static func actions(_ context: PageContext, _ entity: EntityDefinition) -> [Action] {
        guard let actor = context.identity?.actor else { return [] }
        return Action.allCases.filter { action in
            switch action {
            case .transfer, .assignInTurn: entity.ownership == .owned && actor.can(.assign, on: entity.key)
            case .assignByTerritory: AssignmentSetup.assignable.contains(entity.key) && actor.can(.assign, on: entity.key)
            case .return: entity.pooled && actor.can(.edit, on: entity.key)
            case .share: entity.ownership == .owned && actor.can(.edit, on: entity.key)
            case .tag: entity.field("tags")?.type == .choices && actor.can(.edit, on: entity.key)
            case .delete: actor.can(.delete, on: entity.key)
            }
        }
    }

    static func form(_ context: PageContext, _ model: ListPage.Model, @NodeBuilder rows: () -> [Node]) -> Node {
        let actions = self.actions(context, model.entity)
        guard !actions.isEmpty, !model.page.records.isEmpty else { return .group(rows()) }
        let s = context.strings
        let back = ListPage.link(model.path, model.items)
        return el("form", Attribute("method", "post"), .action("/\(model.entity.resource)/bulk"), .id("bulk-form")) {
            context.csrfField
            el("input", .type("hidden"), .name("return_to"), .value(back))
            el("div", .class("bulk-bar")) {
                el("span", .class("muted idle-hint")) { s("bulk.choose_first") }
                el("span", .class("muted")) { s("bulk.selected_only") }
                for action in actions { self.control(context, model, action) }
            }
            rows()
        }
    }

    static func control(_ context: PageContext, _ model: ListPage.Model, _ action: Action) -> Node {
        let s = context.strings
        let submit = { (label: String, style: String) in
            el("button", .type("submit"), .name("action"), .value(action.rawValue), .class("button " + style)) { label }
        }
        switch action {
        case .transfer:
            let people = model.users.filter(\.active).map { FieldDefinition.Option(value: String($0.id), label: $0.name) }
            return el("span", .class("bulk-action")) {
                FieldDefinition.select([.name("owner_id"), .aria(label: s("bulk.transfer"))], options: people, selected: "", blank: true)
                submit(s("bulk.transfer"), "")
            }
        case .assignInTurn:
            let departments = model.departments.map { FieldDefinition.Option(value: String($0.id), label: $0.name) }
            return el("span", .class("bulk-action")) {
                FieldDefinition.select([.name("department_id"), .aria(label: s("bulk.assign_in_turn"))], options: departments, selected: "", blank: true)
                submit(s("bulk.assign_in_turn"), "")
            }
        case .assignByTerritory:
            return el("span", .class("bulk-action")) { submit(s("bulk.assign_by_territory"), "") }
        case .return:
            return el("span", .class("bulk-action")) {
                el("input", .type("text"), .name("reason"), Attribute("maxlength", "200"), .aria(label: s("pool.reason")),
                   Attribute("placeholder", s("pool.reason")))
                submit(s("bulk.return"), "")
            }
        case .share:
            return el("span", .class("bulk-action")) {
                SharesSection.controls(context, people: model.users.filter(\.active))
                submit(s("share.action"), "")
            }
        case .tag:
            return el("span", .class("bulk-action")) {
                el("input", .type("text"), .name("tags"), .aria(label: s("bulk.tag")), Attribute("placeholder", s("bulk.tags_placeholder")))
                submit(s("bulk.tag"), "")
            }
        case .delete:
            return submit(s("bulk.delete"), "danger")
        }
    }
}
