import StrandCore
import StrandStore
import Vapor

/// Notes (C5): the workbench's sticky notes, or the notes on a record, with a form for another
/// (its error beside it) and a way for their writer to remove one.
enum NotesSection {
    static func render(_ context: PageContext, notes: [Note], on record: (resource: String, id: Int64)?, authors: [Int64: String] = [:],
                       error: FieldError? = nil, text: String = "") -> Node {
        let s = context.strings
        let back = record.map { "/\($0.resource)/\($0.id)" } ?? "/"
        return el("section", .class("card notes"), .id("notes")) {
            el("h2") { s(record == nil ? "notes.sticky" : "notes.title") }
            el("form", Attribute("method", "post"), .action("/notes"), .id("note-form")) {
                context.csrfField
                OnceToken.hiddenField
                if let record {
                    el("input", .type("hidden"), .name("resource"), .value(record.resource))
                    el("input", .type("hidden"), .name("record_id"), .value(String(record.id)))
                }
                LabelledField.render(context, id: "note-content", label: s("notes.new"), error: error,
                    el("textarea", .id("note-content"), .name("content"), Attribute("rows", "2"), Attribute("maxlength", String(Notes.maxLength))) { text })
                el("div", .class("form-actions")) { el("button", .type("submit")) { s("notes.add") } }
            }
            el("ul", .class("note-list")) {
                for note in notes {
                    el("li", .class("note"), .data("data-note", String(note.id))) {
                        el("p", .class("note-text")) { note.content }
                        el("span", .class("muted")) { (authors[note.userId].map { $0 + " · " } ?? "") + context.time(note.createdAt) }
                        if note.userId == context.identity?.user.id || context.isAdmin {
                            el("form", .class("inline"), Attribute("method", "post"), .action("/notes/\(note.id)/delete"), Attribute("data-confirm", s("notes.remove_confirm"))) {
                                context.csrfField
                                el("input", .type("hidden"), .name("back"), .value(back))
                                el("button", .type("submit"), .class("link")) { s("notes.remove") }
                            }
                        }
                    }
                }
            }
        }
    }
}
