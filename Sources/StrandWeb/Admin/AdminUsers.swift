import StrandCore
import StrandStore
import Vapor

/// Users: the list with a form to add one, and an edit page (roles, department, active).
enum AdminUsers {
    static func list(_ request: Request) async throws -> Response {
        try await self.render(request, errors: [:], texts: [:], status: .ok)
    }

    static func render(_ request: Request, errors: [String: FieldError], texts: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let (users, departments, roles) = try await self.directory(request)
        let context = PageContext(request)
        let s = context.strings
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
        return Layout.render(context, title: s("nav.users"), status: status) {
            el("section", .class("card")) {
                el("h1") { s("nav.users") }
                el("div", .class("table-wrap")) {
                    el("table", .class("records")) {
                        el("thead") { el("tr") {
                            for key in ["admin.users.username", "admin.users.name", "admin.users.department", "admin.users.roles", "admin.users.status"] { el("th") { s(key) } }
                        } }
                        el("tbody") {
                            for user in users {
                                el("tr") {
                                    el("td") { el("a", .href("/admin/users/\(user.id)")) { user.username } }
                                    el("td") { user.name }
                                    el("td") { user.departmentId.flatMap { names[$0] } ?? "—" }
                                    el("td") { user.roleKeys.compactMap { key in roles.first { $0.role.key == key }?.role.shownName(context.strings) }.joined(separator: "、") }
                                    el("td") { s(user.active ? "admin.users.active" : "admin.users.inactive") }
                                }
                            }
                        }
                    }
                }
            }
            el("section", .class("card")) {
                el("h2") { s("admin.users.new") }
                self.form(context, action: "/admin/users", user: nil, texts: texts, errors: errors, departments: departments, roles: roles)
            }
        }
    }

    static func form(_ context: PageContext, action: String, user: User?, texts: [String: String], errors: [String: FieldError],
                     departments: [Department], roles: [Directory.StoredRole]) -> Node {
        let s = context.strings
        func field(_ key: String, _ label: String, _ control: Node) -> Node {
            LabelledField.render(context, id: "u-\(key)", label: label, error: errors[key], control)
        }
        let chosenRoles = Set((texts["roles"] ?? user?.roleKeys.joined(separator: ",") ?? "sales_rep").split(separator: ",").map(String.init))
        let departmentOptions = departments.tree().map { FieldDefinition.Option(value: String($0.department.id), label: String(repeating: "　", count: $0.depth) + $0.department.name) }
        return el("form", Attribute("method", "post"), .action(action), Attribute(flag: "novalidate", true)) {
            context.csrfField
            if let user { el("input", .type("hidden"), .name("version"), .value(String(user.version))) }
            el("div", .class("form-grid")) {
                field("username", s("admin.users.username"), el("input", .id("u-username"), .name("username"), .type("text"), .value(texts["username"] ?? user?.username ?? "")))
                field("name", s("admin.users.name"), el("input", .id("u-name"), .name("name"), .type("text"), .value(texts["name"] ?? user?.name ?? "")))
                field("password", s("admin.users.password"), el("input", .id("u-password"), .name("password"), .type("password"), Attribute("autocomplete", "new-password")))
                field("email", s("admin.users.email"), el("input", .id("u-email"), .name("email"), .type("email"), .value(texts["email"] ?? user?.email ?? "")))
                field("department_id", s("admin.users.department"), FieldDefinition.select([.id("u-department_id"), .name("department_id")], options: departmentOptions,
                      selected: texts["department_id"] ?? user?.departmentId.map(String.init) ?? "", blank: true))
                if user != nil {
                    field("active", s("admin.users.status"), FieldDefinition.select([.id("u-active"), .name("active")], options: [
                        .init(value: "true", label: s("admin.users.active")), .init(value: "false", label: s("admin.users.inactive"))],
                        selected: (texts["active"] ?? String(user?.active ?? true)), blank: false))
                }
                el("fieldset", .class("field" + (errors["roles"] == nil ? "" : " invalid"))) {
                    el("legend") { s("admin.users.roles") }
                    for role in roles {
                        el("label", .class("checkbox")) {
                            el("input", .type("checkbox"), .name("role_\(role.role.key)"), .value("1"), Attribute(flag: "checked", chosenRoles.contains(role.role.key)))
                            role.role.shownName(context.strings)
                        }
                    }
                }
            }
            el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
        }
    }

    static func input(_ form: SubmittedForm, roles: [Directory.StoredRole], creating: Bool) -> DirectoryService.UserInput {
        var input = DirectoryService.UserInput()
        input.username = form["username"]?.trimmingCharacters(in: .whitespaces)
        input.name = form["name"]?.trimmingCharacters(in: .whitespaces)
        input.email = form["email"]?.trimmingCharacters(in: .whitespaces)
        if let password = form["password"], !password.isEmpty || creating { input.password = password }
        input.departmentId = .some(form["department_id"].flatMap { Int64($0) })
        input.roleKeys = roles.map(\.role.key).filter { form["role_\($0)"] == "1" }
        if let active = form["active"] { input.active = active == "true" }
        return input
    }

    static func create(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        let roles = try await request.strand.database.read { try await Directory.roles(db: $0) }
        do {
            _ = try await request.strand.directory.createUser(self.input(form, roles: roles, creating: true), context: try request.writeContext())
            return request.redirect(to: "/admin/users")
        } catch RecordError.invalid(let failure) {
            var texts = form.fields
            texts["roles"] = roles.map(\.role.key).filter { form["role_\($0)"] == "1" }.joined(separator: ",")
            return try await self.render(request, errors: failure.fields, texts: texts, status: .unprocessableEntity)
        }
    }

    static func edit(_ request: Request) async throws -> Response {
        try await self.editPage(request, errors: [:], texts: [:], status: .ok)
    }

    static func editPage(_ request: Request, errors: [String: FieldError], texts: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let id = try ApiRecordsController.id(request)
        let (users, departments, roles) = try await self.directory(request)
        guard let user = users.first(where: { $0.id == id }) else { throw RecordError.notFound }
        let context = PageContext(request)
        return Layout.render(context, title: user.name, status: status) {
            el("section", .class("card")) {
                el("div", .class("detail-header")) {
                    el("h1") { user.name + "（" + user.username + "）" }
                    el("a", .href("/admin/users/\(id)/handover"), .class("button")) { context.strings("handover.action") }
                }
                self.form(context, action: "/admin/users/\(id)", user: user, texts: texts, errors: errors, departments: departments, roles: roles)
            }
        }
    }

    static func update(_ request: Request) async throws -> Response {
        let id = try ApiRecordsController.id(request)
        let form = try FormInput.values(request)
        let roles = try await request.strand.database.read { try await Directory.roles(db: $0) }
        do {
            let user = try await request.strand.directory.updateUser(id, self.input(form, roles: roles, creating: false),
                                                                     expectedVersion: form["version"].flatMap { Int64($0) }, context: try request.writeContext())
            // A person who leaves should not take customers along: offer the handover at once.
            let owns = try await Handover(records: request.strand.records).counts(of: id).values.reduce(0, +)
            return request.redirect(to: !user.active && owns > 0 ? "/admin/users/\(id)/handover" : "/admin/users")
        } catch RecordError.invalid(let failure) {
            return try await self.editPage(request, errors: failure.fields, texts: form.fields, status: .unprocessableEntity)
        }
    }

    static func directory(_ request: Request) async throws -> ([User], [Department], [Directory.StoredRole]) {
        try await request.strand.database.read { db in
            (try await Directory.users(db: db), try await Directory.departments(db: db), try await Directory.roles(db: db))
        }
    }
}
