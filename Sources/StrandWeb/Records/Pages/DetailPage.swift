import StrandCore
import StrandStore
import Vapor

/// One record on one page: its details, the records that belong to it (a customer's contacts
/// as an org chart and its follow-ups newest first, each with an inline add form), and its
/// history. Driven by the definitions, so every entity gets the same page.
enum DetailPage {
    struct Related: Sendable {
        let entity: EntityDefinition
        /// The field of `entity` that points at the record on the page.
        let linkField: String
        let records: [Record]
        let lookups: Lookups
        let inlineForm: FormPage.Model?
        /// Where to add one on a page of its own, when it is not added inline.
        let newPath: String?
    }

    struct Model: Sendable {
        let entity: EntityDefinition
        let record: Record
        let lookups: Lookups
        let related: [Related]
        let history: [AuditEntry]
        let periods: [ValuePeriod]
        var canEdit: Bool
        let canDelete: Bool
        /// Actions of this entity beyond edit and delete, as (label key, path).
        var actions: [(String, String)] = []
        /// A pooled record's pool history, with the names of the people in it.
        var poolEvents: [Pools.Event] = []
        var people: [Int64: String] = [:]
        /// A competitor's deals by how they ended (open, won, lost).
        var headToHead: [String: Int]?
        /// The reader may approve or reject this pending record.
        var canReview = false
        /// The collaborators the record is shared with, and whether the reader may change them.
        var shares: [Share] = []
        var canShare = false
        /// Active colleagues it may still be shared with.
        var shareCandidates: [FieldDefinition.Option] = []
        /// A commercial document's status, moves, approvals and revisions.
        var document: DocumentSection.Model?
        /// A contract's payment plan: whether the reader may change it, and the rows and errors of a refused change.
        var canEditPlan = false
        var planRows: [[String: String]]?
        var planErrors: [String: FieldError] = [:]
        /// Whether the reader follows the record, hearing of others' changes.
        var following = false
        /// An event's participants and their answers.
        var responses: [Int64: Invitations.Response]?
        /// The notes left on it, and a refused note's error and text.
        var notes: [Note] = []
        var noteError: (FieldError?, String)?
        /// A hub's figures from the features and its timeline.
        var hubFigures: [HubFigure] = []
        var timeline: [TimelineItem] = []
    }

    /// Where on the page a feature's sections stand.
    enum Place: Sendable {
        /// Under the heading, before the details: a record's review, a document's status.
        case top
        case afterDetails
        /// After the related lists, before the notes and history.
        case afterRelated
    }

    static func sections(_ context: PageContext, _ model: Model, at place: Place) -> Node {
        .group(Features.all.flatMap { $0.sections(context, model, at: place) })
    }

    static func render(_ context: PageContext, _ model: Model, status: HTTPResponseStatus = .ok) -> Response {
        let s = context.strings
        let entity = model.entity, record = model.record
        return Layout.render(context, title: record.title(entity), status: status) {
            el("div", .class("detail-header")) {
                el("h1") { record.title(entity) }
                el("div", .class("actions")) {
                    for (label, path) in model.actions { el("a", .href(path), .class("button")) { s(label) } }
                    el("form", .class("inline"), Attribute("method", "post"), .action("/\(entity.resource)/\(record.id)/follow")) {
                        context.csrfField
                        el("input", .type("hidden"), .name("follow"), .value(model.following ? "0" : "1"))
                        el("button", .type("submit"), .id("follow"), Attribute("aria-pressed", model.following ? "true" : "false")) {
                            s(model.following ? "follow.unfollow" : "follow.follow")
                        }
                    }
                    if model.canEdit { el("a", .href("/\(entity.resource)/\(record.id)/edit"), .class("button primary")) { s("action.edit") } }
                    if model.canDelete { el("a", .href("/\(entity.resource)/\(record.id)/delete"), .class("button danger")) { s("action.delete") } }
                }
            }
            self.sections(context, model, at: .top)
            if let hub = entity.hub { self.hubTop(context, model, hub) }
            el("section", .class("card"), .id("details")) {
                el("h2") { s("detail.details") }
                self.fields(context, model)
            }
            self.sections(context, model, at: .afterDetails)
            for related in model.related {
                if related.entity.managedByParent { PlanSection.render(context, parent: model, related) } else { RelatedSection.render(context, parent: model, related) }
            }
            if !model.periods.isEmpty { PeriodsSection.render(context, entity: entity, periods: model.periods, lookups: model.lookups) }
            self.sections(context, model, at: .afterRelated)
            NotesSection.render(context, notes: model.notes, on: (entity.resource, record.id), authors: model.lookups.users,
                                error: model.noteError?.0, text: model.noteError?.1 ?? "")
            HistorySection.render(context, entity: entity, entries: model.history, lookups: model.lookups)
        }
    }

    /// A hub opens with its summary, the form written most, the sections to jump to, and the timeline.
    static func hubTop(_ context: PageContext, _ model: Model, _ hub: Hub) -> Node {
        let s = context.strings
        let first = model.related.first { $0.entity.key == hub.writeFirst }
        return .group([
            HubSection.summary(context, model, hub: hub),
            first.flatMap { related in
                related.inlineForm.map { form in
                    el("details", .class("write-first"), .id("write-\(related.entity.resource)"), Attribute(flag: "open", !form.errors.isEmpty)) {
                        el("summary", .class("button primary")) { s("hub.write.\(related.entity.key)") }
                        InlineForm.render(context, form)
                    }
                }
            } ?? .empty,
            HubSection.sections(context, model),
            TimelineSection.render(context, model, items: model.timeline),
        ])
    }

    static func fields(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        let entity = model.entity, record = model.record
        return el("dl", .class("fields")) {
            for field in entity.fields where field.type != .lines && context.identity?.actor.access(to: field.key, of: entity.key) != .hidden {
                el("dt") { s.field(entity.key, field.key) }
                el("dd") { self.value(context, entity, field, record, model.lookups) }
            }
            el("dt") { s("system.owner_id") }
            el("dd") { record.ownerId.flatMap { model.lookups.users[$0] } ?? "—" }
            el("dt") { s("system.department_id") }
            el("dd") { record.departmentId.flatMap { model.lookups.departments[$0] } ?? "—" }
            el("dt") { s("system.updated_at") }
            el("dd") { context.time(record.updatedAt) }
        }
    }

    /// A field's value, as a link where it points somewhere: a linked record, a website, a mail
    /// address, a phone number to dial.
    static func value(_ context: PageContext, _ entity: EntityDefinition, _ field: FieldDefinition, _ record: Record, _ lookups: Lookups) -> Node {
        let text = field.display(record[field.key], entity: entity.key, strings: context.strings, timeZone: context.timeZone, lookups: lookups)
        guard !text.isEmpty else { return .text("—") }
        switch field.type {
        case .url: return el("a", .href(text), Attribute("rel", "noopener noreferrer nofollow"), Attribute("target", "_blank")) { text }
        case .email: return el("a", .href("mailto:" + text)) { text }
        case .phone: return el("a", .href("tel:" + text.filter { $0.isNumber || $0 == "+" })) { text }
        case .link:
            guard let id = record[field.key].integerValue, let target = field.linkTo, let path = context.path(target, id) else { return .text(text) }
            return el("a", .href(path)) { text }
        case .longText: return el("div", .class("long-text")) { text }
        case .files:
            guard case .list(let ids) = record[field.key] else { return .text(text) }
            return el("ul", .class("files")) {
                for id in ids { el("li") { el("a", .href("/files/\(id)")) { lookups.files[id]?.name ?? id } } }
            }
        default: return .text(text)
        }
    }
}
