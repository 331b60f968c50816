import StrandCore
import StrandStore
import Vapor

/// Roles as a grid: per entity and action a scope. Administrators edit any role's grants.
enum AdminRoles {
    static func list(_ request: Request) async throws -> Response {
        let roles = try await request.strand.database.read { try await Directory.roles(db: $0) }
        let entities = request.strand.catalog.entities
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("nav.roles")) {
            el("h1") { s("nav.roles") }
            for stored in roles {
                el("section", .class("card")) {
                    el("h2") { stored.role.name + " · " + stored.role.key }
                    el("form", Attribute("method", "post"), .action("/admin/roles")) {
                        context.csrfField
                        el("input", .type("hidden"), .name("key"), .value(stored.role.key))
                        el("input", .type("hidden"), .name("name"), .value(stored.role.name))
                        el("div", .class("table-wrap")) {
                            el("table", .class("records")) {
                                el("thead") { el("tr") {
                                    el("th") { "" }
                                    for action in Action.allCases { el("th") { s("permission.\(action.rawValue)") } }
                                } }
                                el("tbody") {
                                    for entity in entities {
                                        el("tr") {
                                            el("th") { s("nav.\(entity.resource)") }
                                            for action in Action.allCases {
                                                el("td") {
                                                    FieldDefinition.select([.name("grant_\(entity.key)_\(action.rawValue)"),
                                                                            .aria(label: s("nav.\(entity.resource)") + " " + s("permission.\(action.rawValue)"))],
                                                                           options: Scope.allCases.map { .init(value: $0.rawValue, label: s("scope.\($0.rawValue)")) },
                                                                           selected: (stored.role.grants[entity.key]?[action] ?? .none).rawValue, blank: false)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
                    }
                }
            }
        }
    }

    static func save(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        let roles = try await request.strand.database.read { try await Directory.roles(db: $0) }
        guard let key = form["key"], var role = roles.first(where: { $0.role.key == key })?.role else { throw RecordError.notFound }
        for entity in request.strand.catalog.entities {
            for action in Action.allCases {
                if let scope = form["grant_\(entity.key)_\(action.rawValue)"].flatMap(Scope.init) {
                    role.grants[entity.key, default: [:]][action] = scope
                }
            }
        }
        try await request.strand.directory.saveRole(role, context: try request.writeContext())
        return request.redirect(to: "/admin/roles")
    }
}
