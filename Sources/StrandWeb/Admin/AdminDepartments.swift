import StrandCore
import StrandStore
import Vapor

/// The department tree: rename, move and remove in place; add below any department.
enum AdminDepartments {
    static func show(_ request: Request) async throws -> Response {
        try await self.render(request, error: nil, status: .ok)
    }

    static func render(_ request: Request, error: FieldError?, status: HTTPResponseStatus) async throws -> Response {
        let departments = try await request.strand.database.read { try await Directory.departments(db: $0) }
        let context = PageContext(request)
        let s = context.strings
        let options = departments.tree().map { FieldDefinition.Option(value: String($0.department.id), label: String(repeating: "　", count: $0.depth) + $0.department.name) }
        return Layout.render(context, title: s("nav.departments"), status: status) {
            el("section", .class("card")) {
                el("h1") { s("nav.departments") }
                if let error { el("p", .class("alert error"), Attribute("role", "alert")) { s.error(error) } }
                el("ul", .class("dept-tree")) {
                    for (department, depth) in departments.tree() {
                        el("li", .class("depth-\(min(depth, 6))")) {
                            el("form", .class("inline"), Attribute("method", "post"), .action("/admin/departments/\(department.id)")) {
                                context.csrfField
                                el("input", .type("text"), .name("name"), .value(department.name), .aria(label: s("admin.departments.name")))
                                FieldDefinition.select([.name("parent_id"), .aria(label: s("admin.departments.parent"))],
                                                       options: options.filter { $0.value != String(department.id) },
                                                       selected: department.parentId.map(String.init) ?? "", blank: true)
                                el("input", .type("hidden"), .name("has_review"), .value("1"))
                                el("label", .class("checkbox")) {
                                    el("input", .type("checkbox"), .name("reviews_customers"), .value("1"), Attribute(flag: "checked", department.reviewsCustomers))
                                    s("review.department_reviews")
                                }
                                el("button", .type("submit")) { s("action.save") }
                            }
                            el("form", .class("inline"), Attribute("method", "post"), .action("/admin/departments/\(department.id)/delete"),
                               Attribute("data-confirm", s("action.confirm_delete"))) {
                                context.csrfField
                                el("button", .type("submit"), .class("link danger")) { s("action.delete") }
                            }
                        }
                    }
                }
            }
            el("section", .class("card")) {
                el("h2") { s("admin.departments.new") }
                el("form", Attribute("method", "post"), .action("/admin/departments")) {
                    context.csrfField
                    el("div", .class("form-grid")) {
                        el("div", .class("field")) {
                            el("label", Attribute("for", "d-name")) { s("admin.departments.name") }
                            el("input", .id("d-name"), .name("name"), .type("text"), Attribute(flag: "required", true))
                        }
                        el("div", .class("field")) {
                            el("label", Attribute("for", "d-parent")) { s("admin.departments.parent") }
                            FieldDefinition.select([.id("d-parent"), .name("parent_id")], options: options, selected: "", blank: true)
                        }
                    }
                    el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.add") } }
                }
            }
        }
    }

    static func attempt(_ request: Request, _ body: (String, Int64?) async throws -> Void) async throws -> Response {
        let form = try FormInput.values(request)
        do {
            try await body(form["name"] ?? "", form["parent_id"].flatMap { Int64($0) })
            return request.redirect(to: "/admin/departments")
        } catch RecordError.invalid(let failure) {
            return try await self.render(request, error: failure.fields.values.first, status: .unprocessableEntity)
        }
    }

    static func create(_ request: Request) async throws -> Response {
        try await self.attempt(request) { name, parent in
            _ = try await request.strand.directory.createDepartment(name: name, parentId: parent, context: try request.writeContext())
        }
    }

    static func update(_ request: Request) async throws -> Response {
        let id = try ApiRecordsController.id(request)
        return try await self.attempt(request) { name, parent in
            let form = try FormInput.values(request)
            _ = try await request.strand.directory.updateDepartment(id, name: name, parentId: parent,
                                                                   reviewsCustomers: form["has_review"] == "1" ? form["reviews_customers"] == "1" : nil,
                                                                   context: try request.writeContext())
        }
    }

    static func delete(_ request: Request) async throws -> Response {
        let id = try ApiRecordsController.id(request)
        return try await self.attempt(request) { _, _ in
            try await request.strand.directory.deleteDepartment(id, context: try request.writeContext())
        }
    }
}
