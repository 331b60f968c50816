import StrandCore
import StrandStore
import Vapor

/// System settings; for now whether duplicates warn or block.
enum AdminSettings {
    static func show(_ request: Request) async throws -> Response {
        let mode = try await request.strand.database.read { try await Settings.duplicateMode(db: $0) }
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("nav.settings")) {
            el("section", .class("card")) {
                el("h1") { s("nav.settings") }
                el("form", Attribute("method", "post"), .action("/admin/settings")) {
                    context.csrfField
                    el("div", .class("field")) {
                        el("label", Attribute("for", "duplicate_mode")) { s("admin.settings.duplicate_mode") }
                        FieldDefinition.select([.id("duplicate_mode"), .name("duplicate_mode")],
                                               options: Settings.DuplicateMode.allCases.map { .init(value: $0.rawValue, label: s("admin.settings.duplicate_mode.\($0.rawValue)")) },
                                               selected: mode.rawValue, blank: false)
                    }
                    el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
                }
            }
        }
    }

    static func save(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        guard let mode = form["duplicate_mode"].flatMap(Settings.DuplicateMode.init) else { throw Abort(.badRequest) }
        let context = try request.writeContext()
        try await request.strand.database.write { db in
            let before = try await Settings.duplicateMode(db: db)
            try await Settings.set("duplicate_mode", mode.rawValue, db: db)
            try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: context.actor.userId, ip: context.ip, action: .update,
                                                 entity: "settings", recordId: nil,
                                                 changes: ["duplicate_mode": AuditChange(from: before.rawValue, to: mode.rawValue)]), db: db)
        }
        return request.redirect(to: "/admin/settings")
    }
}
