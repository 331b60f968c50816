import StrandCore
import StrandStore
import Vapor

/// Where a reviewed record stands, with the reviewer's comment, and for a manager the form
/// that approves or rejects it.
enum ReviewSection {
    static func render(_ context: PageContext, _ model: DetailPage.Model, state: String) -> Node {
        let s = context.strings
        let entity = model.entity, record = model.record
        return el("section", .class("card review review-\(state)"), .id("review")) {
            el("h2") { s.field(entity.key, "review") + "：" + model.entity.field("review")!.label(of: state, entity: entity.key, strings: s) }
            if case .text(let comment) = record["review_comment"], !comment.isEmpty { el("p") { comment } }
            if state == ReviewState.rejected.rawValue && model.canEdit && !model.canReview { el("p", .class("muted")) { s("review.resubmit") } }
            if model.canReview {
                el("form", Attribute("method", "post"), .action("/\(entity.resource)/\(record.id)/review")) {
                    context.csrfField
                    el("div", .class("field")) {
                        el("label", Attribute("for", "review-comment")) { s.field(entity.key, "review_comment") }
                        el("textarea", .id("review-comment"), .name("comment"), Attribute("maxlength", "500"), Attribute("rows", "2")) { "" }
                    }
                    el("div", .class("form-actions")) {
                        el("button", .type("submit"), .name("decision"), .value("approve"), .class("primary")) { s("review.approve") }
                        el("button", .type("submit"), .name("decision"), .value("reject"), .class("danger")) { s("review.reject") }
                    }
                }
            }
        }
    }
}
