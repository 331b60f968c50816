import StrandCore
import StrandStore
import Vapor

/// A contract's payment plan: each instalment with what has been received against it, and a
/// form that replaces the whole plan (rows of label, due day and amount, a few blank ones for
/// new instalments; a row emptied is removed), which must add up to the contract amount.
enum PlanSection {
    static let spareRows = 2

    static func render(_ context: PageContext, parent: DetailPage.Model, _ related: DetailPage.Related) -> Node {
        let s = context.strings
        let entity = related.entity, contract = parent.record
        let money = { (fen: Int64?) in fen.map(Money.full) ?? "—" }
        let planned = related.records.compactMap { $0["amount"].integerValue }.reduce(0, +)
        let amount = contract["amount"].integerValue ?? 0
        let rows = parent.planRows ?? related.records.sorted { ($0["due_date"].textValue ?? "") < ($1["due_date"].textValue ?? "") }.map { record in
            ["id": String(record.id), "label": record["label"].textValue ?? "", "due_date": record["due_date"].textValue ?? "",
             "amount": record["amount"].integerValue.map { ScaledDecimal.format($0, scale: 2) } ?? ""]
        }
        return el("section", .class("card related plan"), .id("related-\(entity.resource)")) {
            el("h2") { s("nav.\(entity.resource)") }
            el("div", .class("table-wrap")) {
                el("table", .class("lines")) {
                    el("thead") {
                        el("tr") { for key in ["label", "due_date", "amount", "received", "status"] { el("th") { s.field(entity.key, key) } } }
                    }
                    el("tbody") {
                        for record in related.records.sorted(by: { ($0["due_date"].textValue ?? "") < ($1["due_date"].textValue ?? "") }) {
                            el("tr") {
                                el("td") { el("a", .href("/\(entity.resource)/\(record.id)")) { record["label"].textValue ?? "" } }
                                el("td") { record["due_date"].textValue ?? "" }
                                el("td", .class("number")) { money(record["amount"].integerValue) }
                                el("td", .class("number")) { money(record["received"].integerValue ?? 0) }
                                el("td") { entity.field("status")?.label(of: record["status"].textValue ?? "open", entity: entity.key, strings: s) ?? "" }
                            }
                        }
                    }
                }
            }
            if planned != amount {
                el("p", .class("alert warning")) { s("plan.mismatch", ["planned": money(planned), "amount": money(amount)]) }
            }
            if parent.canEditPlan { self.form(context, contract: contract, rows: rows, errors: parent.planErrors) }
        }
    }

    static func form(_ context: PageContext, contract: Record, rows: [[String: String]], errors: [String: FieldError]) -> Node {
        let s = context.strings
        let all = rows + Array(repeating: [:], count: self.spareRows)
        return el("details", .class("inline-add"), Attribute(flag: "open", !errors.isEmpty)) {
            el("summary") { s("plan.edit") }
            el("form", Attribute("method", "post"), .action("/contracts/\(contract.id)/plan"), .id("plan-form")) {
                context.csrfField
                for (key, error) in errors.sorted(by: { $0.key < $1.key }) {
                    el("p", .class("field-error"), Attribute("role", "alert")) { self.label(key, s) + s.error(error) }
                }
                el("table", .class("lines")) {
                    el("thead") { el("tr") { for key in ["label", "due_date", "amount"] { el("th") { s.field("instalment", key) } } } }
                    el("tbody") {
                        for (index, row) in all.enumerated() {
                            el("tr") {
                                el("td") {
                                    el("input", .type("hidden"), .name("plan[\(index)][id]"), .value(row["id"] ?? ""))
                                    el("input", .type("text"), .name("plan[\(index)][label]"), .value(row["label"] ?? ""), Attribute("maxlength", "50"),
                                       .aria(label: s.field("instalment", "label") + " \(index + 1)"))
                                }
                                el("td") { el("input", .type("date"), .name("plan[\(index)][due_date]"), .value(row["due_date"] ?? ""), .aria(label: s.field("instalment", "due_date"))) }
                                el("td") { el("input", .type("text"), Attribute("inputmode", "decimal"), .name("plan[\(index)][amount]"), .value(row["amount"] ?? ""), .aria(label: s.field("instalment", "amount"))) }
                            }
                        }
                    }
                }
                el("p", .class("muted")) { s("plan.help") }
                el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
            }
        }
    }

    /// "plan.2.amount" reads "第 3 行 金额："; "plan" alone needs no prefix.
    static func label(_ key: String, _ s: Strings) -> String {
        let parts = key.split(separator: ".")
        guard parts.count == 3, let row = Int(parts[1]) else { return "" }
        return s("plan.row", ["row": String(row + 1), "field": s.field("instalment", String(parts[2]))])
    }

    /// `POST /contracts/:id/plan` and `PUT /api/v1/contracts/:id/plan`.
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.post("contracts", ":id", "plan") { request -> Response in
            let form = try FormInput.values(request)
            let rows = LineRows.submitted(form.fields, key: "plan") ?? []
            let plan = rows.filter { !($0["label"] ?? "").isEmpty || !($0["due_date"] ?? "").isEmpty || !($0["amount"] ?? "").isEmpty }
            let id = try ApiRecordsController.id(request)
            do {
                _ = try await request.strand.records.replacePlan(contract: id, with: plan.map(self.instalment), context: try request.writeContext())
                return request.redirect(to: "/contracts/\(id)")
            } catch RecordError.invalid(let failure) {
                let contracts = try await ApiRecordsController.entity(request, "contracts")
                var model = try await DetailModel.make(request, entity: contracts, id: id)
                (model.planErrors, model.planRows) = (failure.fields, plan)
                return DetailPage.render(PageContext(request), model).with(status: .unprocessableEntity)
            }
        }
        api.put("contracts", ":id", "plan") { request -> Response in
            guard case .array(let items)? = try ApiRecordsController.body(request)["instalments"] else {
                throw RecordError.invalid(ValidationFailure(["instalments": .required]))
            }
            let written = try await request.strand.records.replacePlan(contract: try ApiRecordsController.id(request),
                                                                       with: items.map { self.instalment($0.cells) }, context: try request.writeContext())
            let entity = try await ApiRecordsController.entity(request, "instalments")
            let actor = try request.requireIdentity().actor
            return .json(.object(["data": .array(written.map { $0.json(entity, actor: actor) })]))
        }
    }

    static func instalment(_ row: [String: String]) -> PlannedInstalment {
        PlannedInstalment(id: row["id"].flatMap { Int64($0) }, label: row["label"] ?? "", dueDate: row["due_date"] ?? "", amount: row["amount"] ?? "")
    }
}
