import StrandCore
import StrandStore
import Vapor

/// The fields a list shows its reader, and the export of it: the ones they chose, else the
/// entity's listed ones; always the title, never a field hidden from them, in the entity's order.
enum ListColumns {
    /// Every field a reader may put in a list (line items belong to a record's own page).
    static func choosable(_ entity: EntityDefinition, actor: Actor) -> [FieldDefinition] {
        entity.fields.filter { $0.type != .lines && actor.access(to: $0.key, of: entity.key) != .hidden }
    }

    static func shown(_ entity: EntityDefinition, actor: Actor, chosen: [String]?) -> [FieldDefinition] {
        let keys = Set(chosen ?? entity.listedFields.map(\.key)).union([entity.titleField])
        return self.choosable(entity, actor: actor).filter { keys.contains($0.key) }
    }

    static func shown(_ request: Request, entity: EntityDefinition) async throws -> [FieldDefinition] {
        let identity = try request.requireIdentity()
        let chosen = try await request.strand.database.chosenColumns(userId: identity.user.id, entity: entity.key)
        return self.shown(entity, actor: identity.actor, chosen: chosen)
    }

    /// `POST /{resource}/columns`: keeps the ticked columns (or forgets them on `reset`) and
    /// goes back to the list as it was.
    static func choose(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let identity = try request.requireIdentity()
        guard identity.actor.can(.view, on: entity.key) else { throw RecordError.forbidden }
        let form = try FormInput.values(request)
        let ticked = Set(form.lists["columns"] ?? [])
        let known = self.choosable(entity, actor: identity.actor).map(\.key)
        guard ticked.isSubset(of: known) else { throw Abort(.badRequest) }
        let choice = form["reset"] == "1" ? nil : known.filter { ticked.contains($0) || $0 == entity.titleField }
        try await request.strand.database.chooseColumns(choice, userId: identity.user.id, entity: entity.key)
        let list = "/\(entity.resource)"
        let back = FormInput.returnPath(form).flatMap { $0 == list || $0.hasPrefix(list + "?") ? $0 : nil } ?? list
        return Flash.redirect(request, to: back, saying: choice == nil ? "flash.columns_reset" : "flash.columns_saved")
    }

    /// A panel of a box per field, ticked as shown, posted to keep the choice.
    static func chooser(_ context: PageContext, _ model: ListPage.Model) -> Node {
        let s = context.strings
        let entity = model.entity
        let shown = Set(model.columns.map(\.key))
        let back = ListPage.link(model.path, model.items.filter { $0.0 != "cursor" })
        return el("details", .class("column-chooser"), .id("column-chooser")) {
            el("summary", .class("button")) { s("list.columns") }
            el("form", Attribute("method", "post"), .action("/\(entity.resource)/columns")) {
                context.csrfField
                el("input", .type("hidden"), .name("return_to"), .value(back))
                el("fieldset") {
                    el("legend") { s("list.columns_hint") }
                    for field in context.identity.map({ self.choosable(entity, actor: $0.actor) }) ?? [] {
                        let title = field.key == entity.titleField
                        el("label", .class("check")) {
                            el("input", .type("checkbox"), .name("columns"), .value(field.key), Attribute(flag: "checked", shown.contains(field.key)),
                               Attribute(flag: "disabled", title))
                            s.field(entity.key, field.key)
                        }
                    }
                }
                el("div", .class("form-actions")) {
                    el("button", .type("submit"), .class("primary")) { s("list.columns_save") }
                    el("button", .type("submit"), .name("reset"), .value("1")) { s("list.columns_reset") }
                }
            }
        }
    }
}
