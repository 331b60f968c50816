import StrandCore
import StrandStore
import Vapor

/// Quotation and contract settings for administrators: the pattern of each document's number,
/// the deepest discount each role gives without approval, and the approval flows (conditions
/// and steps), in one form that replaces the whole setup through `CommerceSetupStore`; the
/// same document is `GET/PUT /api/v1/commerce_setup`.
enum AdminCommerce {
    static let conditionSlots = 2, stepSlots = 3

    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.get("commerce", use: self.show)
        pages.post("commerce", use: self.save)
        pages.post("commerce", "templates") { request -> Response in
            let form = try FormInput.values(request)
            for entity in WordExport.entities.sorted() {
                if let upload = form.uploads.first(where: { $0.field == "template_\(entity)" }) {
                    try await WordExport.upload(request, data: upload.data, entity: entity)
                } else if form["reset_\(entity)"] == "1" {
                    try await WordExport.upload(request, data: nil, entity: entity)
                }
            }
            return request.redirect(to: "/admin/commerce")
        }
        api.get("commerce_setup") { request -> Response in
            guard try request.requireIdentity().actor.isAdmin else { throw RecordError.forbidden }
            return self.encoded(try await request.strand.database.read { try await CommerceSetupStore.load(db: $0) })
        }
        api.put("commerce_setup") { request -> Response in
            guard let body = request.body.data, let setup = try? JSONDecoder().decode(CommerceSetup.self, from: body) else { throw Abort(.badRequest) }
            try await CommerceSetupStore.save(setup, context: try request.writeContext(), database: request.strand.database)
            return self.encoded(setup)
        }
    }

    static func encoded(_ setup: CommerceSetup) -> Response {
        let response = Response(status: .ok, body: .init(data: (try? JSONEncoder.sorted.encode(setup)) ?? Data()))
        response.headers.contentType = .json
        return response
    }

    static func show(_ request: Request) async throws -> Response {
        guard try request.requireIdentity().actor.isAdmin else { throw RecordError.forbidden }
        let (setup, users, roles) = try await request.strand.database.read { db in
            (try await CommerceSetupStore.load(db: db), try await Directory.users(db: db).filter(\.active), try await Directory.roles(db: db))
        }
        let categories = try await CommissionsController.categoryNames(request)
        let context = PageContext(request)
        let s = context.strings
        let documents = request.strand.catalog.entities.filter { $0.documentFlow != nil }
        let people = users.map { FieldDefinition.Option(value: String($0.id), label: $0.name) }
        let roleOptions = roles.map { FieldDefinition.Option(value: $0.role.key, label: $0.role.shownName(context.strings)) }
        return Layout.render(context, title: s("admin.commerce")) {
            el("h1") { s("admin.commerce") }
            el("form", Attribute("method", "post"), .action("/admin/commerce"), .class("card"), .id("commerce-form")) {
                context.csrfField
                el("div", .class("field")) {
                    el("label", Attribute("for", "company-name")) { s("commerce.company_name") }
                    el("input", .id("company-name"), .name("company_name"), .type("text"), Attribute("maxlength", "100"), .value(setup.companyName))
                }
                el("fieldset") {
                    el("legend") { s("commerce.numbering") }
                    for entity in documents {
                        el("div", .class("field")) {
                            el("label", Attribute("for", "numbering-\(entity.key)")) { s("entity.\(entity.key)") }
                            el("input", .id("numbering-\(entity.key)"), .name("numbering_\(entity.key)"), .type("text"), Attribute("maxlength", "40"),
                               .value(setup.numbering[entity.key] ?? CommerceSetup.standardNumbering[entity.key] ?? ""))
                        }
                    }
                    el("p", .class("muted")) { s("commerce.numbering_help") }
                }
                el("fieldset") {
                    el("legend") { s("commerce.discount_limits") }
                    for role in roles where !role.role.isAdmin {
                        el("div", .class("field")) {
                            el("label", Attribute("for", "limit-\(role.role.key)")) { role.role.shownName(context.strings) }
                            el("input", .id("limit-\(role.role.key)"), .name("limit_\(role.role.key)"), .type("text"), Attribute("inputmode", "decimal"),
                               .value(ScaledDecimal.format(setup.discountLimits[role.role.key] ?? 0, scale: 2)))
                        }
                    }
                }
                self.commissionRules(context, setup, roles: roleOptions, categories: categories)
                let blank = ApprovalFlow(key: "", name: "", entity: documents.first?.key ?? "", steps: [])
                for (index, flow) in (setup.flows + [blank]).enumerated() {
                    self.flow(context, index, flow, isNew: index == setup.flows.count, documents: documents, people: people, roles: roleOptions)
                }
                el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
            }
            el("form", Attribute("method", "post"), .action("/admin/commerce/templates"), Attribute("enctype", "multipart/form-data"),
               .class("card"), .id("templates-form")) {
                context.csrfField
                el("h2") { s("commerce.templates") }
                el("p", .class("muted")) { s("commerce.templates_help") }
                for entity in WordExport.entities.sorted() {
                    el("div", .class("field")) {
                        el("label", Attribute("for", "template-\(entity)")) { s("entity.\(entity)") }
                        el("input", .id("template-\(entity)"), .type("file"), .name("template_\(entity)"), Attribute("accept", ".docx"))
                        el("a", .href("/admin/commerce/templates/\(entity).docx")) { s("commerce.template_current") }
                        if setup.templates[entity] != nil {
                            el("label", .class("checkbox")) {
                                el("input", .type("checkbox"), .name("reset_\(entity)"), .value("1"))
                                s("commerce.template_reset")
                            }
                        }
                    }
                }
                el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
            }
        }
    }

    static func flow(_ context: PageContext, _ index: Int, _ flow: ApprovalFlow, isNew: Bool, documents: [EntityDefinition],
                     people: [FieldDefinition.Option], roles: [FieldDefinition.Option]) -> Node {
        let s = context.strings
        let name = { (key: String) in "flow_\(index)_\(key)" }
        let fieldOptions = self.conditionFields(documents, strings: s)
        return el("fieldset", .class("flow")) {
            el("legend") { isNew ? s("commerce.new_flow") : flow.name }
            el("input", .type("hidden"), .name("flow"), .value(String(index)))
            el("input", .type("hidden"), .name(name("key")), .value(flow.key))
            el("div", .class("form-grid")) {
                el("div", .class("field")) {
                    el("label", Attribute("for", name("name"))) { s("commerce.flow_name") }
                    el("input", .id(name("name")), .name(name("name")), .type("text"), .value(flow.name), Attribute("maxlength", "50"))
                }
                el("div", .class("field")) {
                    el("label", Attribute("for", name("entity"))) { s("commerce.flow_entity") }
                    FieldDefinition.select([.id(name("entity")), .name(name("entity"))],
                                           options: documents.map { .init(value: $0.key, label: s("entity.\($0.key)")) }, selected: flow.entity, blank: false)
                }
            }
            self.conditions(flow, name: name, fields: fieldOptions, strings: s)
            self.steps(flow, name: name, people: people, roles: roles, strings: s)
            if !isNew {
                el("label", .class("checkbox")) {
                    el("input", .type("checkbox"), .name("remove"), .value(String(index)))
                    s("action.remove")
                }
            }
        }
    }

    static func commissionRules(_ context: PageContext, _ setup: CommerceSetup, roles: [FieldDefinition.Option], categories: [Int64: String]) -> Node {
        let s = context.strings
        let categoryOptions = [FieldDefinition.Option(value: "", label: s("commerce.any_category"))]
            + categories.sorted { $0.value < $1.value }.map { FieldDefinition.Option(value: String($0.key), label: $0.value) }
        let rows = setup.commissionRules + Array(repeating: CommissionRule(role: "", percent: 0), count: 3)
        return el("fieldset", .id("commission-rules")) {
            el("legend") { s("commerce.commission_rules") }
            for (index, rule) in rows.enumerated() {
                el("div", .class("inline-fields")) {
                    FieldDefinition.select([.name("rule_\(index)_role"), .aria(label: s("commerce.step.role") + " \(index + 1)")],
                                           options: roles, selected: rule.role, blank: true)
                    FieldDefinition.select([.name("rule_\(index)_category"), .aria(label: s("commission.category"))], options: categoryOptions,
                                           selected: rule.categoryId.map(String.init) ?? "", blank: false)
                    el("input", .type("text"), Attribute("inputmode", "decimal"), .name("rule_\(index)_percent"), .aria(label: s("commission.percent")),
                       .value(rule.role.isEmpty ? "" : ScaledDecimal.format(rule.percent, scale: 2)))
                }
            }
            el("label", .class("checkbox")) {
                el("input", .type("checkbox"), .name("commission_on_contract"), .value("1"), Attribute(flag: "checked", setup.commissionOnContract))
                s("commerce.commission_on_contract")
            }
        }
    }

    /// The amounts and choices of the documents, which conditions compare.
    static func conditionFields(_ documents: [EntityDefinition], strings s: Strings) -> [FieldDefinition.Option] {
        var options: [String: String] = [:]
        for entity in documents {
            for field in entity.fields where (field.type == .money || field.type == .choice) && options[field.key] == nil {
                options[field.key] = s.field(entity.key, field.key)
            }
        }
        return options.keys.sorted().map { FieldDefinition.Option(value: $0, label: options[$0]!) }
    }

    static func conditions(_ flow: ApprovalFlow, name: (String) -> String, fields: [FieldDefinition.Option], strings s: Strings) -> Node {
        let kinds = ApprovalCondition.Kind.allCases.map { FieldDefinition.Option(value: $0.rawValue, label: s("commerce.condition.\($0.rawValue)")) }
        return .group((0..<self.conditionSlots).map { slot -> Node in
            let condition: ApprovalCondition? = slot < flow.conditions.count ? flow.conditions[slot] : nil
            return el("div", .class("inline-fields condition")) {
                FieldDefinition.select([.name(name("condition_\(slot)_kind")), .aria(label: s("commerce.condition") + " \(slot + 1)")],
                                       options: kinds, selected: condition?.kind.rawValue ?? "", blank: true)
                FieldDefinition.select([.name(name("condition_\(slot)_field")), .aria(label: s("commerce.condition_field"))],
                                       options: fields, selected: condition?.field ?? "", blank: true)
                el("input", .name(name("condition_\(slot)_value")), .type("text"), .value(condition?.value ?? ""), .aria(label: s("commerce.condition_value")))
            }
        })
    }

    static func steps(_ flow: ApprovalFlow, name: (String) -> String, people: [FieldDefinition.Option], roles: [FieldDefinition.Option],
                      strings s: Strings) -> Node {
        let kinds = ApprovalStepRule.Kind.allCases.map { FieldDefinition.Option(value: $0.rawValue, label: s("commerce.step.\($0.rawValue)")) }
        return .group((0..<self.stepSlots).map { slot -> Node in
            let step: ApprovalStepRule? = slot < flow.steps.count ? flow.steps[slot] : nil
            return el("div", .class("inline-fields step")) {
                FieldDefinition.select([.name(name("step_\(slot)_kind")), .aria(label: s("commerce.step") + " \(slot + 1)")],
                                       options: kinds, selected: step?.kind.rawValue ?? "", blank: true)
                FieldDefinition.select([.name(name("step_\(slot)_role")), .aria(label: s("commerce.step.role"))],
                                       options: roles, selected: step?.role ?? "", blank: true)
                FieldDefinition.select([.name(name("step_\(slot)_user")), .aria(label: s("commerce.step.user"))],
                                       options: people, selected: step?.userId.map(String.init) ?? "", blank: true)
            }
        })
    }

    static func save(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        var setup = try await request.strand.database.read { try await CommerceSetupStore.load(db: $0) }
        setup.companyName = (form["company_name"] ?? setup.companyName).trimmingCharacters(in: .whitespaces)
        for key in request.strand.catalog.entities.filter({ $0.documentFlow != nil }).map(\.key) {
            if let pattern = form["numbering_\(key)"]?.trimmingCharacters(in: .whitespaces) { setup.numbering[key] = pattern }
        }
        for (name, value) in form.fields where name.hasPrefix("limit_") {
            guard let limit = ScaledDecimal.parse(value.trimmingCharacters(in: .whitespaces), scale: 2) else {
                throw RecordError.invalid(ValidationFailure(["discount_limits.\(name.dropFirst(6))": FieldError("invalid")]))
            }
            setup.discountLimits[String(name.dropFirst(6))] = limit
        }
        setup.commissionOnContract = form["commission_on_contract"] == "1"
        setup.commissionRules = try (0..<100).compactMap { index -> CommissionRule? in
            guard let role = form["rule_\(index)_role"], !role.isEmpty else { return nil }
            guard let percent = ScaledDecimal.parse((form["rule_\(index)_percent"] ?? "").trimmingCharacters(in: .whitespaces), scale: 2),
                  (0...10_000).contains(percent) else {
                throw RecordError.invalid(ValidationFailure(["commission_rules.\(index)": FieldError("out_of_range", ["min": "0", "max": "100"])]))
            }
            return CommissionRule(role: role, categoryId: form["rule_\(index)_category"].flatMap { Int64($0) }, percent: percent)
        }
        let removed = Set(form.lists["remove"] ?? [])
        setup.flows = (form.lists["flow"] ?? []).filter { !removed.contains($0) }.compactMap { self.flow(form, index: $0) }
        try await CommerceSetupStore.save(setup, context: try request.writeContext(), database: request.strand.database)
        return request.redirect(to: "/admin/commerce")
    }

    /// A flow as its rows were filled; a new flow left without a name is no flow.
    static func flow(_ form: SubmittedForm, index: String) -> ApprovalFlow? {
        let value = { (key: String) in (form["flow_\(index)_\(key)"] ?? "").trimmingCharacters(in: .whitespaces) }
        let name = value("name")
        let conditions = (0..<self.conditionSlots).compactMap { slot in
            ApprovalCondition.Kind(rawValue: value("condition_\(slot)_kind")).map {
                ApprovalCondition(kind: $0, field: value("condition_\(slot)_field"), value: value("condition_\(slot)_value"))
            }
        }
        let steps = (0..<self.stepSlots).compactMap { slot in
            ApprovalStepRule.Kind(rawValue: value("step_\(slot)_kind")).map {
                ApprovalStepRule(kind: $0, userId: Int64(value("step_\(slot)_user")), role: value("step_\(slot)_role").isEmpty ? nil : value("step_\(slot)_role"))
            }
        }
        if value("key").isEmpty && name.isEmpty && steps.isEmpty { return nil }
        let key = value("key").isEmpty ? "flow_\(UInt32.random(in: 1...UInt32.max))" : value("key")
        return ApprovalFlow(key: key, name: name, entity: value("entity"), conditions: conditions, steps: steps)
    }
}
