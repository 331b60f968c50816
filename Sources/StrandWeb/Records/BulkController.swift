import StrandCore
import StrandStore
import Vapor

/// `POST /<resource>/bulk` and `POST /api/v1/<resource>/bulk`: one action on the ticked
/// records, all or nothing. A delete from a page asks first.
enum BulkController {
    static func page(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let form = try FormInput.values(request)
        let back = FormInput.returnPath(form) ?? "/\(entity.resource)"
        let ids = form.ids("ids")
        if form["action"] == BulkBar.Action.delete.rawValue, form["confirmed"] != "1" {
            return self.confirmDelete(PageContext(request), entity: entity, ids: ids, back: back)
        }
        try await self.run(request, entity: entity, action: form["action"], ids: ids,
                           owner: form["owner_id"], department: form["department_id"], reason: form["reason"], tags: form["tags"],
                           sharing: (form.ids("user_ids"), form["access"]))
        return request.redirect(to: back)
    }

    static func api(_ request: Request, _ resource: String) async throws -> Response {
        struct Body: Content {
            let action: String
            let ids: [Int64]
            let owner_id: Int64?
            let department_id: Int64?
            let reason: String?
            let tags: [String]?
            let user_ids: [Int64]?
            let access: String?
        }
        let entity = try await ApiRecordsController.entity(request, resource)
        let body = try request.content.decode(Body.self)
        try await self.run(request, entity: entity, action: body.action, ids: body.ids, owner: body.owner_id.map(String.init),
                           department: body.department_id.map(String.init), reason: body.reason, tags: body.tags?.joined(separator: ","),
                           sharing: (body.user_ids ?? [], body.access))
        return .json(.object(["done": .int(Int64(Set(body.ids).count))]))
    }

    static func run(_ request: Request, entity: EntityDefinition, action: String?, ids: [Int64], owner: String?,
                    department: String?, reason: String?, tags: String?, sharing: (users: [Int64], access: String?)) async throws {
        let records = request.strand.records
        let context = try request.writeContext()
        switch action.flatMap(BulkBar.Action.init(rawValue:)) {
        case .transfer:
            guard let owner = owner.flatMap({ Int64($0) }) else {
                throw RecordError.invalid(ValidationFailure(["owner_id": FieldError("required")]))
            }
            try await records.transfer(entity, ids: ids, to: owner, context: context)
        case .assignInTurn:
            guard let department = department.flatMap({ Int64($0) }) else {
                throw RecordError.invalid(ValidationFailure(["department_id": FieldError("required")]))
            }
            try await records.assignInTurn(entity, ids: ids, department: department, context: context)
        case .assignByTerritory:
            _ = try await records.assignByTerritory(entity, ids: ids, context: context)
        case .return:
            guard entity.pooled else { throw Abort(.badRequest) }
            try await PoolService(records: records).giveBack(ids, reason: reason ?? "", context: context)
        case .share:
            try await records.share(entity, ids: ids, with: sharing.users, access: try SharesController.access(sharing.access), context: context)
        case .tag:
            let words = (tags ?? "").split(whereSeparator: { ",，;；".contains($0) }).map(String.init)
            try await records.tag(entity, ids: ids, tags: words, context: context)
        case .delete:
            try await records.delete(entity, ids: ids, context: context)
        case nil:
            throw Abort(.badRequest)
        }
    }

    static func confirmDelete(_ context: PageContext, entity: EntityDefinition, ids: [Int64], back: String) -> Response {
        let s = context.strings
        return Layout.render(context, title: s("bulk.delete")) {
            el("section", .class("card narrow")) {
                el("h1") { s("bulk.delete") }
                el("p") { s("bulk.confirm_delete", ["count": String(Set(ids).count)]) }
                el("form", Attribute("method", "post"), .action("/\(entity.resource)/bulk")) {
                    context.csrfField
                    el("input", .type("hidden"), .name("action"), .value("delete"))
                    el("input", .type("hidden"), .name("confirmed"), .value("1"))
                    el("input", .type("hidden"), .name("return_to"), .value(back))
                    for id in ids { el("input", .type("hidden"), .name("ids"), .value(String(id))) }
                    el("div", .class("form-actions")) {
                        el("button", .type("submit"), .class("danger")) { s("action.delete") }
                        el("a", .href(back), .class("button")) { s("action.cancel") }
                    }
                }
            }
        }
    }
}
