import StrandCore
import StrandStore
import Vapor

/// A commercial document's status with the moves the reader may make, its lines with totals,
/// its approval requests step by step (with the decision form for the person a step waits on)
/// and its earlier revisions.
enum DocumentSection {
    struct Model: Sendable {
        let flow: DocumentFlow
        var approvals: [Approval] = []
        var revisions: [Revisions.Kept] = []
        /// The reader may move the document (submit, revise, a status by hand).
        var canMove = false
        var canWithdraw = false
        /// The request whose current step the reader decides.
        var decides: Int64?
        /// Documents the reader may make from this one now (an order, a contract).
        var derivable: [EntityDefinition] = []
    }

    static func render(_ context: PageContext, _ page: DetailPage.Model, _ document: Model) -> Node {
        let s = context.strings
        let entity = page.entity, record = page.record
        let status = record["status"].textValue ?? ""
        let statusLabel = entity.field("status")?.label(of: status, entity: entity.key, strings: s) ?? status
        return el("section", .class("card document status-\(status)"), .id("document")) {
            el("div", .class("toolbar")) {
                el("h2") { s.field(entity.key, "status") + "：" + statusLabel }
                el("div", .class("actions")) {
                    if document.canMove { self.buttons(context, entity, record, document.flow, status: status) }
                    if document.canWithdraw { self.post(context, entity, record, "withdraw", label: s("document.withdraw")) }
                    for target in document.derivable {
                        self.post(context, entity, record, "derive/\(target.resource)", label: s("document.derive.\(target.key)"))
                    }
                    el("a", .href("/\(entity.resource)/\(record.id)/print"), .class("button")) { s("document.print") }
                    el("a", .href("/\(entity.resource)/\(record.id)/document.docx"), .class("button")) { s("document.word") }
                }
            }
            if let lines = entity.fields.first(where: { $0.type == .lines }) {
                LinesTable.render(context, LineItems.decode(record[lines.key]), record: record)
            }
            for approval in document.approvals { self.approval(context, approval, people: page.people, decides: document.decides == approval.id) }
            if !document.revisions.isEmpty {
                el("details", .class("revisions")) {
                    el("summary") { s("document.revisions", ["count": String(document.revisions.count)]) }
                    el("ul") {
                        for kept in document.revisions {
                            el("li") {
                                s("document.revision_line", ["revision": String(kept.revision), "total": kept.values["total"].flatMap { Int64($0) }
                                    .map { "¥" + FieldDefinition.grouped(ScaledDecimal.format($0, scale: 2)) } ?? "—",
                                    "time": context.time(kept.createdAt)])
                            }
                        }
                    }
                }
            }
        }
    }

    static func buttons(_ context: PageContext, _ entity: EntityDefinition, _ record: Record, _ flow: DocumentFlow, status: String) -> Node {
        let s = context.strings
        return .group([
            status == DocumentFlow.draft && flow.approved ? self.post(context, entity, record, "submit", label: s("document.submit"), primary: true) : .empty,
            .group((flow.moves[status] ?? []).map { next in
                self.post(context, entity, record, "status", label: s("document.move_to", ["status": entity.field("status")?.label(of: next, entity: entity.key, strings: s) ?? next]),
                          status: next)
            }),
            flow.revisable.contains(status) ? self.post(context, entity, record, "revise", label: s("document.revise")) : .empty,
        ])
    }

    static func post(_ context: PageContext, _ entity: EntityDefinition, _ record: Record, _ move: String, label: String,
                     status: String? = nil, primary: Bool = false) -> Node {
        el("form", .class("inline"), Attribute("method", "post"), .action("/\(entity.resource)/\(record.id)/\(move)")) {
            context.csrfField
            // Making an order or contract from this one: a double click must make one.
            if move.hasPrefix("derive/") { OnceToken.hiddenField }
            if let status { el("input", .type("hidden"), .name("status"), .value(status)) }
            el("button", .type("submit"), .class(primary ? "primary" : "button"), .data("data-move", status ?? move)) { label }
        }
    }

    static func approval(_ context: PageContext, _ approval: Approval, people: [Int64: String], decides: Bool) -> Node {
        let s = context.strings
        return el("div", .class("approval approval-\(approval.state.rawValue)")) {
            el("h3") {
                s("approval.heading", ["flow": approval.flowName, "state": s("approval.state.\(approval.state.rawValue)"),
                                       "requester": people[approval.requesterId] ?? "#\(approval.requesterId)",
                                       "time": context.time(approval.createdAt)])
            }
            el("ol", .class("approval-steps")) {
                for step in approval.steps {
                    el("li", .class("step-\(step.state.rawValue)")) {
                        el("strong") { step.approverId.map { people[$0] ?? "#\($0)" } ?? s("approval.administrators") }
                        " · " + s("approval.step.\(step.state.rawValue)")
                        if let at = step.actedAt { " · " + context.time(at) }
                        if !step.comment.isEmpty { el("p", .class("comment")) { step.comment } }
                    }
                }
            }
            if decides {
                el("form", Attribute("method", "post"), .action("/approvals/\(approval.id)/decision"), .class("decision")) {
                    context.csrfField
                    el("div", .class("field")) {
                        el("label", Attribute("for", "approval-comment")) { s("approval.comment") }
                        el("textarea", .id("approval-comment"), .name("comment"), Attribute("maxlength", "500"), Attribute("rows", "2")) { "" }
                    }
                    el("div", .class("form-actions")) {
                        el("button", .type("submit"), .name("decision"), .value("approve"), .class("primary")) { s("approval.approve") }
                        el("button", .type("submit"), .name("decision"), .value("reject"), .class("danger")) { s("approval.reject") }
                    }
                }
            }
        }
    }
}
