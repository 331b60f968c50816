import StrandCore
import StrandStore
import Vapor

/// The collaborators a record is shared with, each with a remove button, and a form to add
/// one, for whoever may manage them.
enum SharesSection {
    static func render(_ context: PageContext, _ model: DetailPage.Model) -> Node {
        let s = context.strings
        let path = "/\(model.entity.resource)/\(model.record.id)/shares"
        return el("section", .class("card"), .id("shares")) {
            el("h2") { s("share.title") }
            if model.shares.isEmpty { el("p", .class("muted")) { s("share.none") } }
            el("ul", .class("results")) {
                for share in model.shares {
                    el("li") {
                        (model.people[share.userId] ?? "#\(share.userId)") + " · " + s("share.access.\(share.access.rawValue)")
                        if model.canShare {
                            el("form", .class("inline"), Attribute("method", "post"), .action("\(path)/\(share.userId)/delete"),
                               Attribute("data-confirm", s("share.confirm_remove"))) {
                                context.csrfField
                                el("button", .type("submit"), .class("link danger")) { s("action.remove") }
                            }
                        }
                    }
                }
            }
            if model.canShare {
                el("form", .class("inline"), Attribute("method", "post"), .action(path)) {
                    context.csrfField
                    FieldDefinition.select([.name("user_ids"), .aria(label: s("share.with"))], options: model.shareCandidates, selected: "", blank: true)
                    self.accessSelect(s)
                    el("button", .type("submit"), .class("button")) { s("share.action") }
                }
            }
        }
    }

    /// The person and the access of a share, for the bulk bar.
    static func controls(_ context: PageContext, people: [User]) -> Node {
        let s = context.strings
        return .group([
            FieldDefinition.select([.name("user_ids"), .aria(label: s("share.with"))],
                                   options: people.map { FieldDefinition.Option(value: String($0.id), label: $0.name) }, selected: "", blank: true),
            self.accessSelect(s),
        ])
    }

    static func accessSelect(_ s: Strings) -> Node {
        FieldDefinition.select([.name("access"), .aria(label: s("share.access"))],
                               options: ShareAccess.allCases.map { FieldDefinition.Option(value: $0.rawValue, label: s("share.access.\($0.rawValue)")) },
                               selected: ShareAccess.read.rawValue, blank: false)
    }
}
