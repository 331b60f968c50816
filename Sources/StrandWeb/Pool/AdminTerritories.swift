import StrandCore
import StrandStore
import Vapor

/// Territories for administrators: one form with a row per territory (where it reaches, who
/// gets its records) and an empty row for a new one, and which entities are assigned by them
/// automatically. Every save replaces the whole setup through `AssignmentStore`.
enum AdminTerritories {
    static func show(_ request: Request) async throws -> Response {
        let (setup, users, departments) = try await request.strand.database.read { db in
            (try await AssignmentStore.load(db: db), try await Directory.users(db: db), try await Directory.departments(db: db))
        }
        let context = PageContext(request)
        let s = context.strings
        let customers = try await ApiRecordsController.entity(request, "customers")
        let industries = customers.field("industry").map { field in
            field.options.map { FieldDefinition.Option(value: $0, label: field.label(of: $0, entity: customers.key, strings: s)) }
        } ?? []
        let assignees = departments.map { FieldDefinition.Option(value: SalesUnit.department($0.id).token, label: s("territory.department_turns", ["name": $0.name])) }
            + users.filter(\.active).map { FieldDefinition.Option(value: SalesUnit.user($0.id).token, label: $0.name) }
        let blank = Territory(name: "", assignee: .user(0))
        return Layout.render(context, title: s("admin.territories")) {
            el("h1") { s("admin.territories") }
            el("form", Attribute("method", "post"), .action("/admin/territories"), .class("card")) {
                context.csrfField
                el("fieldset") {
                    el("legend") { s("territory.automatic") }
                    for key in AssignmentSetup.assignable {
                        el("label", .class("checkbox")) {
                            el("input", .type("checkbox"), .name("automatic"), .value(key), Attribute(flag: "checked", setup.automatic.contains(key)))
                            s("territory.automatic.\(key)")
                        }
                    }
                }
                el("div", .class("table-scroll")) {
                    el("table", .class("data territories")) {
                        el("thead") {
                            el("tr") {
                                for key in ["territory.name", "territory.provinces", "territory.cities", "territory.industries", "territory.assignee", "action.remove"] {
                                    el("th") { s(key) }
                                }
                            }
                        }
                        el("tbody") {
                            for (row, territory) in (setup.territories + [blank]).enumerated() {
                                self.row(context, row, territory, isNew: row == setup.territories.count, industries: industries, assignees: assignees)
                            }
                        }
                    }
                }
                el("p", .class("muted")) { s("territory.explained") }
                el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
            }
        }
    }

    static func row(_ context: PageContext, _ row: Int, _ territory: Territory, isNew: Bool,
                    industries: [FieldDefinition.Option], assignees: [FieldDefinition.Option]) -> Node {
        let s = context.strings
        let label = { (key: String) in Attribute.aria(label: s(key) + " \(row + 1)") }
        let text = { (key: String, value: [String]) in
            el("input", .type("text"), .name("\(key)_\(row)"), .value(value.joined(separator: "，")), label("territory.\(key)"),
               Attribute("placeholder", s("territory.list_placeholder")))
        }
        return el("tr") {
            el("td") {
                el("input", .type("hidden"), .name("row"), .value(String(row)))
                el("input", .type("text"), .name("name_\(row)"), .value(territory.name), Attribute("maxlength", "50"), label("territory.name"),
                   Attribute("placeholder", isNew ? s("territory.new") : ""))
            }
            el("td") { text("provinces", territory.provinces) }
            el("td") { text("cities", territory.cities) }
            el("td") {
                el("select", .name("industries_\(row)"), Attribute(flag: "multiple", true), label("territory.industries")) {
                    for option in industries {
                        el("option", .value(option.value), Attribute(flag: "selected", territory.industries.contains(option.value))) { option.label }
                    }
                }
            }
            el("td") {
                FieldDefinition.select([.name("assignee_\(row)"), label("territory.assignee")], options: assignees,
                                       selected: isNew ? "" : territory.assignee.token, blank: isNew)
            }
            el("td") {
                if !isNew { el("input", .type("checkbox"), .name("remove"), .value(String(row)), label("action.remove")) }
            }
        }
    }

    static func save(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        let removed = Set(form.lists["remove"] ?? [])
        var setup = AssignmentSetup(automatic: form.lists["automatic"] ?? [])
        for row in form.lists["row"] ?? [] where !removed.contains(row) {
            let name = (form["name_\(row)"] ?? "").trimmingCharacters(in: .whitespaces)
            let assignee = form["assignee_\(row)"] ?? ""
            if name.isEmpty && assignee.isEmpty { continue }
            guard let chosen = SalesUnit(token: assignee) else {
                throw RecordError.invalid(ValidationFailure(["assignee": FieldError("required")]))
            }
            setup.territories.append(Territory(name: name, provinces: self.list(form["provinces_\(row)"]), cities: self.list(form["cities_\(row)"]),
                                               industries: form.lists["industries_\(row)"] ?? [],
                                               assignee: chosen))
        }
        try await AssignmentStore.save(setup, context: try request.writeContext(), database: request.strand.database)
        return request.redirect(to: "/admin/territories")
    }

    /// Names typed in one box, separated by commas (either width), 、 or spaces.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split { ",，、 ;；".contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
