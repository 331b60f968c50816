import StrandCore
import StrandStore
import Vapor

/// Create and edit forms: errors beside each field, a conflict panel for a stale edit, a
/// duplicate warning that can be overridden unless the administrator blocks duplicates, and for
/// an event the owner's overlapping events (C2), which can be overridden too.
enum FormPage {
    struct Model: Sendable {
        let entity: EntityDefinition
        let record: Record?
        /// What each control shows: the submitted text after an error, else the stored value.
        var texts: [String: String]
        var errors: [String: FieldError] = [:]
        var stale: StaleEdit?
        var duplicates: [DuplicateMatch] = []
        var duplicatesBlocked = false
        var busy: [CalendarEntry] = []
        var version: Int64?
        var ownerOptions: [FieldDefinition.Option] = []
        var linkOptions: [String: [FieldDefinition.Option]] = [:]
        var lookups = Lookups()
        var returnTo: String?
        /// A partial change (a card moved on the board) refused for want of some fields: what it
        /// sent, carried again, while the form asks only for the fields it lacked.
        var partial: [String: String]?
    }

    /// An edit refused as stale: what changed since `base`, the version the user first read, and
    /// the fields both changed (theirs against the user's), each to be chosen before saving.
    struct StaleEdit: Sendable {
        let changes: [String: AuditChange]
        let clashes: [String: AuditChange]
        let base: Int64
        var unchosen: Set<String> = []
    }

    static func render(_ context: PageContext, _ model: Model, status: HTTPResponseStatus = .ok) -> Response {
        let s = context.strings
        let entity = model.entity
        let name = s("entity.\(entity.key)")
        let title = model.record == nil ? s("form.new_title", ["entity": name])
            : model.partial != nil ? model.record!.title(entity) : s("form.edit_title", ["entity": name])
        let action = model.record.map { "/\(entity.resource)/\($0.id)" } ?? "/\(entity.resource)"
        return Layout.render(context, title: title, status: status) {
            el("section", .class("card")) {
                el("h1") { title }
                if !model.errors.isEmpty {
                    el("p", .class("alert error"), Attribute("role", "alert")) { s(model.partial == nil ? "form.errors" : "form.partial_needs") }
                }
                if !model.duplicates.isEmpty { self.duplicatePanel(context, model) }
                if !model.busy.isEmpty { self.busyPanel(context, model) }
                el("form", Attribute("method", "post"), .action(action), Attribute(flag: "novalidate", true), .id("record-form"),
                   Attribute("enctype", entity.hasFiles ? "multipart/form-data" : "application/x-www-form-urlencoded")) {
                    context.csrfField
                    if model.record == nil { OnceToken.hiddenField }
                    if let version = model.version { el("input", .type("hidden"), .name("version"), .value(String(version))) }
                    if let returnTo = model.returnTo { el("input", .type("hidden"), .name("return_to"), .value(returnTo)) }
                    if let stale = model.stale { StalePanel.render(context, model, stale) }
                    if let partial = model.partial {
                        el("input", .type("hidden"), .name("partial"), .value("1"))
                        for (key, value) in partial.sorted(by: { $0.key < $1.key }) where model.errors[key] == nil {
                            el("input", .type("hidden"), .name(key), .value(value))
                        }
                    }
                    el("div", .class("form-grid")) {
                        for field in entity.editableFields where context.identity?.actor.access(to: field.key, of: entity.key) != .hidden
                            && (model.partial == nil || model.errors[field.key] != nil) {
                            self.field(context, model, field)
                        }
                        if !model.ownerOptions.isEmpty, model.partial == nil { self.ownerField(context, model) }
                    }
                    if (!model.duplicates.isEmpty && !model.duplicatesBlocked) || !model.busy.isEmpty {
                        el("label", .class("checkbox")) {
                            el("input", .type("checkbox"), .name("acknowledge_warnings"), .value("1"))
                            s("action.save_anyway")
                        }
                    }
                    el("div", .class("form-actions")) {
                        el("button", .type("submit"), .class("primary")) { s("action.save") }
                        el("a", .href(model.returnTo ?? model.record.map { "/\(entity.resource)/\($0.id)" } ?? "/\(entity.resource)"), .class("button")) { s("action.cancel") }
                    }
                }
            }
        }
    }

    static func field(_ context: PageContext, _ model: Model, _ field: FieldDefinition) -> Node {
        let s = context.strings
        let error = model.errors[field.key]
        let readOnly = context.identity?.actor.access(to: field.key, of: model.entity.key) == .readOnly
        let wide = field.type == .longText
        let picker = field.type == .link ? LinkPicker(entity: model.entity, field: field, catalog: context.catalog) : nil
        let control = field.control(entity: model.entity.key, text: model.texts[field.key] ?? "", strings: s,
                                    linkOptions: model.linkOptions[field.key] ?? [], lookups: model.lookups, picker: picker)
        return el("div", .class("field" + (error == nil ? "" : " invalid") + (wide ? " wide" : ""))) {
            el("label", Attribute("for", "f-\(field.key)")) {
                s.field(model.entity.key, field.key)
                if field.required { el("span", .class("required-mark"), Attribute("title", s("form.required_mark"))) { "*" } }
            }
            if readOnly {
                el("p", .class("read-only")) { field.display(model.record?[field.key] ?? .null, entity: model.entity.key, strings: s, timeZone: context.timeZone, lookups: model.lookups) }
            } else {
                control
            }
            if let error { el("p", .class("field-error"), .id("f-\(field.key)-error"), Attribute("role", "alert")) { s.error(error) } }
        }
    }

    static func ownerField(_ context: PageContext, _ model: Model) -> Node {
        let error = model.errors["owner_id"]
        return el("div", .class("field" + (error == nil ? "" : " invalid"))) {
            el("label", Attribute("for", "f-owner_id")) { context.strings("system.owner_id") }
            FieldDefinition.select([.id("f-owner_id"), .name("owner_id")], options: model.ownerOptions,
                                   selected: model.texts["owner_id"] ?? "", blank: false)
            if let error { el("p", .class("field-error"), Attribute("role", "alert")) { context.strings.error(error) } }
        }
    }

    static func duplicatePanel(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        return el("div", .class("alert warning"), Attribute("role", "alert"), .id("duplicates")) {
            el("p") { s("form.duplicates") }
            el("ul") {
                for match in model.duplicates {
                    el("li") {
                        let owner = match.ownerId.flatMap { model.lookups.users[$0] } ?? "—"
                        if match.visible {
                            el("a", .href("/\(model.entity.resource)/\(match.recordId)")) { match.title }
                            " · " + s.field(model.entity.key, match.field) + " · " + owner
                        } else {
                            s("form.duplicate_hidden", ["name": match.title, "owner": owner])
                        }
                    }
                }
            }
            if model.duplicatesBlocked { el("p") { el("strong") { s("form.duplicates_blocked") } } }
        }
    }

    static func busyPanel(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        return el("div", .class("alert warning"), Attribute("role", "alert"), .id("busy")) {
            el("p") { s("form.busy") }
            el("ul") {
                for entry in model.busy {
                    el("li") {
                        let when = DateTimeText.local(entry.start, timeZone: context.timeZone) + "–" + String(DateTimeText.local(entry.end, timeZone: context.timeZone).suffix(5))
                        let owner = entry.ownerId.flatMap { model.lookups.users[$0] } ?? "—"
                        if entry.busyOnly {
                            when + " " + s("calendar.busy") + " · " + owner
                        } else {
                            el("a", .href("/events/\(entry.eventId)")) { entry.subject }
                            " · " + when + " · " + owner
                        }
                    }
                }
            }
        }
    }
}
