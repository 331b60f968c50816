import StrandCore
import StrandStore

/// The conflict panel of a stale edit, inside the form: each field changed meanwhile with
/// theirs, and where the user changed it too, a choice between theirs and the user's.
enum StalePanel {
    static func render(_ context: PageContext, _ model: FormPage.Model, _ stale: FormPage.StaleEdit) -> Node {
        let s = context.strings
        let entity = model.entity
        let keys = HistorySection.ordered(Array(stale.changes.keys), entity: entity)
            .filter { context.identity?.actor.access(to: $0, of: entity.key) != .hidden }
        func shown(_ key: String, _ text: String?) -> String {
            HistorySection.text(context, entity, key, text, lookups: model.lookups)
        }
        return el("div", .class("alert warning stale"), Attribute("role", "alert"), .id("conflict")) {
            el("input", .type("hidden"), .name(StaleChoice.baseKey), .value(String(stale.base)))
            el("input", .type("hidden"), .name(StaleChoice.clashingKey), .value(stale.clashes.keys.sorted().joined(separator: ",")))
            el("p") { s("form.conflict") }
            el("ul", .class("stale-fields")) {
                for key in keys {
                    let change = stale.changes[key]!
                    el("li", .id("conflict-\(key)"), .class(stale.unchosen.contains(key) ? "invalid" : "")) {
                        el("strong") { entity.field(key) != nil ? s.field(entity.key, key) : s("system.\(key)") }
                        " " + s("form.conflict_theirs", ["value": shown(key, change.to)])
                        el("span", .class("muted")) { s("form.conflict_was", ["value": shown(key, change.from)]) }
                        if let clash = stale.clashes[key] {
                            self.choice(context, key, theirs: shown(key, clash.from), yours: shown(key, clash.to))
                            if stale.unchosen.contains(key) {
                                el("p", .class("field-error"), Attribute("role", "alert")) { s.error(FieldError("choose_side")) }
                            }
                        } else {
                            el("p", .class("muted")) { s("form.conflict_kept") }
                        }
                    }
                }
            }
        }
    }

    static func choice(_ context: PageContext, _ key: String, theirs: String, yours: String) -> Node {
        let s = context.strings
        return el("fieldset", .class("sides")) {
            for (side, label) in [("theirs", s("form.keep_theirs", ["value": theirs])), ("yours", s("form.keep_yours", ["value": yours]))] {
                el("label", .class("checkbox")) {
                    el("input", .type("radio"), .name(StaleChoice.sidePrefix + key), .value(side))
                    label
                }
            }
        }
    }
}
