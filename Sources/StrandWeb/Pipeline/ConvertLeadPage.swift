import StrandCore
import StrandStore
import Vapor

/// Turning a lead into a customer, its contact and, if wanted, an opportunity. When the
/// customer already exists, the matches are offered to attach the lead to instead.
enum ConvertLeadPage {
    struct Model: Sendable {
        let lead: Record
        /// Opportunities with the configured pipelines and stages.
        let opportunities: EntityDefinition
        var form: [String: String] = [:]
        var errors: [String: FieldError] = [:]
        var duplicates: [DuplicateMatch] = []
        var users: [Int64: String] = [:]
    }

    static func render(_ context: PageContext, _ model: Model, status: HTTPResponseStatus = .ok) -> Response {
        let s = context.strings
        let leads = context.catalog.entity(EntityKey.lead)!
        let opportunities = model.opportunities
        return Layout.render(context, title: s("lead.convert"), status: status) {
            el("h1") { s("lead.convert") + "：" + model.lead.title(leads) }
            if !model.errors.isEmpty {
                el("div", .class("alert error"), Attribute("role", "alert"), .id("convert-errors")) {
                    el("ul") {
                        for (key, error) in model.errors.sorted(by: { $0.key < $1.key }) {
                            el("li") { self.label(s, key, opportunities) + "：" + s.error(error) }
                        }
                    }
                }
            }
            el("form", .id("convert-form"), .class("card"), Attribute("method", "post"), .action("/leads/\(model.lead.id)/convert"),
               Attribute(flag: "novalidate", true)) {
                context.csrfField
                if !model.duplicates.isEmpty { self.matches(context, model) }
                el("p") { s("lead.convert_explained") }
                el("div", .class("field")) {
                    el("label") {
                        el("input", .type("checkbox"), .name("create_opportunity"), .value("1"), .id("create-opportunity"),
                           Attribute(flag: "checked", model.form["create_opportunity"] == "1"))
                        " " + s("lead.convert_with_opportunity")
                    }
                }
                for key in ["name", "amount", "stage", "expected_close"] {
                    let field = opportunities.field(key)!
                    el("div", .class("field")) {
                        el("label", Attribute("for", "f-opportunity-\(key)")) { s.field("opportunity", key) }
                        field.control(entity: EntityKey.opportunity, text: model.form["opportunity-\(key)"] ?? "", strings: s, linkOptions: [],
                                      group: "opportunity")
                    }
                }
                el("div", .class("actions")) {
                    el("button", .type("submit"), .class("button primary")) { s("lead.convert") }
                    el("a", .href("/leads/\(model.lead.id)"), .class("button")) { s("action.cancel") }
                }
            }
        }
    }

    static func matches(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        return el("fieldset", .class("alert warning"), .id("duplicates")) {
            el("legend") { s("lead.convert_matches") }
            for match in model.duplicates where match.visible {
                el("label", .class("choice")) {
                    el("input", .type("radio"), .name("existing_customer"), .value(String(match.recordId)))
                    " " + match.title + " · " + (match.ownerId.flatMap { model.users[$0] } ?? "—")
                }
            }
            for match in model.duplicates where !match.visible {
                el("p") { s("form.duplicate_hidden", ["name": match.title, "owner": match.ownerId.flatMap { model.users[$0] } ?? "—"]) }
            }
        }
    }

    static func label(_ s: Strings, _ key: String, _ opportunities: EntityDefinition) -> String {
        opportunities.field(key) != nil ? s.field("opportunity", key) : s.field("customer", key)
    }
}
