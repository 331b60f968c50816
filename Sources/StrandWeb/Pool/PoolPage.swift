import StrandCore
import StrandStore
import Vapor

/// One public pool: the reader's standing against its limits, its rules, and its waiting
/// customers with filters, to claim or (for its administrators) to assign.
enum PoolPage {
    struct Model: Sendable {
        let pool: Pool
        let list: ListPage.Model
        let owned: Int
        let claimedToday: Int
        let canAssign: Bool
    }

    static func render(_ context: PageContext, _ model: Model) -> Response {
        let s = context.strings
        let rules = model.pool.rules
        return Layout.render(context, title: s("pool.title", ["name": model.pool.name])) {
            el("div", .class("toolbar")) {
                el("h1") { s("pool.title", ["name": model.pool.name]) }
                el("span", .id("selection-count"), .class("muted"), Attribute("data-template", s.template("list.selected")), Attribute(flag: "hidden", true))
            }
            el("p", .class("muted"), .id("pool-standing")) {
                s("pool.owned", ["count": String(model.owned)]) + (rules.maxOwned.map { s("pool.of_max", ["max": String($0)]) } ?? "")
                    + " · " + s("pool.claimed_today", ["count": String(model.claimedToday)])
                    + (rules.dailyClaims.map { s("pool.of_quota", ["max": String($0)]) } ?? "")
            }
            el("details", .class("card")) {
                el("summary") { s("pool.rules") }
                el("ul") { for line in self.ruleLines(s, rules) { el("li") { line } } }
            }
            ListFilters.render(context, model.list)
            self.form(context, model)
            ListPage.pager(context, model.list)
        }
    }

    static func form(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        let path = "/pools/\(model.pool.id)"
        guard !model.list.page.records.isEmpty else { return ListTable.render(context, model.list) }
        return el("form", Attribute("method", "post"), .action(path + "/claim"), .id("pool-form")) {
            context.csrfField
            el("input", .type("hidden"), .name("return_to"), .value(ListPage.link(path, model.list.items)))
            el("div", .class("bulk-bar")) {
                el("button", .type("submit"), .class("button primary"), .id("claim-selected")) { s("pool.claim_selected") }
                if model.canAssign {
                    let people = model.list.users.filter(\.active).map { FieldDefinition.Option(value: String($0.id), label: $0.name) }
                    el("span", .class("bulk-action")) {
                        FieldDefinition.select([.name("user_id"), .aria(label: s("pool.assign_to"))], options: people, selected: "", blank: true)
                        el("button", .type("submit"), Attribute("formaction", path + "/assign"), .class("button")) { s("pool.assign_selected") }
                        el("button", .type("submit"), Attribute("formaction", path + "/assign-by-territory"), .class("button")) { s("bulk.assign_by_territory") }
                    }
                }
            }
            ListTable.render(context, model.list)
        }
    }

    static func ruleLines(_ s: Strings, _ rules: PoolRules) -> [String] {
        let grade = { (key: String) in key.isEmpty ? s("pool.grade_none") : key }
        var lines = rules.daysWithoutFollowUp.sorted { $0.key < $1.key }.map { s("pool.rule.follow_up", ["grade": grade($0.key), "days": String($0.value)]) }
        lines += rules.daysWithoutDeal.sorted { $0.key < $1.key }.map { s("pool.rule.deal", ["grade": grade($0.key), "days": String($0.value)]) }
        if rules.cooldownDays > 0 { lines.append(s("pool.rule.cooldown", ["days": String(rules.cooldownDays)])) }
        if rules.exemptWon { lines.append(s("pool.rule.exempt_won")) }
        if rules.exemptOpenOpportunity { lines.append(s("pool.rule.exempt_open")) }
        if let days = rules.reminderDays { lines.append(s("pool.rule.reminder", ["days": String(days)])) }
        return lines
    }
}

/// Giving one customer back to the pool, with the reason the pool's history keeps.
enum ReturnToPoolPage {
    static func render(_ context: PageContext, entity: EntityDefinition, record: Record) -> Response {
        let s = context.strings
        return Layout.render(context, title: s("pool.return")) {
            el("section", .class("card narrow")) {
                el("h1") { s("pool.return") + "：" + record.title(entity) }
                el("p") { s("pool.return_explain") }
                el("form", Attribute("method", "post"), .action("/\(entity.resource)/\(record.id)/return")) {
                    context.csrfField
                    el("div", .class("field")) {
                        el("label", Attribute("for", "return-reason")) { s("pool.reason") }
                        el("textarea", .id("return-reason"), .name("reason"), Attribute(flag: "required", true), Attribute("maxlength", "200"))
                    }
                    el("div", .class("form-actions")) {
                        el("button", .type("submit"), .class("danger")) { s("pool.return") }
                        el("a", .href("/\(entity.resource)/\(record.id)"), .class("button")) { s("action.cancel") }
                    }
                }
            }
        }
    }
}
