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
                    el("h2") { stored.role.shownName(context.strings) + " · " + stored.role.key }
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
                        self.fieldAccess(context, stored.role, entities: entities)
                        el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
                    }
                }
            }
            el("section", .class("card")) {
                el("h2") { s("admin.roles.new") }
                el("form", Attribute("method", "post"), .action("/admin/roles")) {
                    context.csrfField
                    el("input", .type("hidden"), .name("new"), .value("1"))
                    el("div", .class("form-grid")) {
                        ListFilters.field("key", s("admin.roles.key"), el("input", .id("filter-key"), .name("key"), .type("text"), Attribute("pattern", "[a-z0-9_]+"), Attribute(flag: "required", true)))
                        ListFilters.field("name", s("admin.roles.name"), el("input", .id("filter-name"), .name("name"), .type("text"), Attribute(flag: "required", true)))
                    }
                    el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.add") } }
                }
            }
        }
    }

    /// Per entity, the fields this role may not see or not change.
    static func fieldAccess(_ context: PageContext, _ role: Role, entities: [EntityDefinition]) -> Node {
        let s = context.strings
        return el("details") {
            el("summary") { s("admin.roles.fields") }
            for entity in entities {
                el("fieldset") {
                    el("legend") { s("nav.\(entity.resource)") }
                    el("div", .class("form-grid")) {
                        for field in entity.fields {
                            ListFilters.field("access_\(entity.key)_\(field.key)", s.field(entity.key, field.key),
                                FieldDefinition.select([.id("filter-access_\(entity.key)_\(field.key)"), .name("access_\(entity.key)_\(field.key)")],
                                    options: [FieldAccess.full, .readOnly, .hidden].map { .init(value: $0.rawValue, label: s("access.\($0.rawValue)")) },
                                    selected: (role.fieldAccess[entity.key]?[field.key] ?? .full).rawValue, blank: false))
                        }
                    }
                }
            }
        }
    }

    static func save(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        let roles = try await request.strand.database.read { try await Directory.roles(db: $0) }
        guard let key = form["key"] else { throw Abort(.badRequest) }
        var role: Role
        if form["new"] == "1" {
            guard !roles.contains(where: { $0.role.key == key }) else { throw RecordError.invalid(ValidationFailure(["key": FieldError("taken")])) }
            role = Role(key: key, name: form["name"] ?? "", grants: DefaultRoles.salesRep.grants)
        } else {
            guard let existing = roles.first(where: { $0.role.key == key })?.role else { throw RecordError.notFound }
            role = existing
        }
        for entity in request.strand.catalog.entities {
            for action in Action.allCases {
                if let scope = form["grant_\(entity.key)_\(action.rawValue)"].flatMap(Scope.init) {
                    role.grants[entity.key, default: [:]][action] = scope
                }
            }
            for field in entity.fields {
                guard let access = form["access_\(entity.key)_\(field.key)"].flatMap(FieldAccess.init) else { continue }
                role.fieldAccess[entity.key, default: [:]][field.key] = access == .full ? nil : access
            }
        }
        try await request.strand.directory.saveRole(role, context: try request.writeContext())
        return request.redirect(to: "/admin/roles")
    }
}
