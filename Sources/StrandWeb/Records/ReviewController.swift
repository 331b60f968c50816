import StrandCore
import StrandStore
import Vapor

/// `POST /<resource>/:id/review` and `POST /api/v1/<resource>/:id/review` with a decision
/// (`approve` or `reject`) and a comment, for entities whose new records are reviewed.
enum ReviewController {
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder, catalog: EntityCatalog) {
        for entity in catalog.entities where entity.reviewed {
            pages.post(.constant(entity.resource), ":id", "review") { request -> Response in
                let form = try FormInput.values(request)
                _ = try await self.review(request, entity.resource, decision: form["decision"], comment: form["comment"])
                return request.redirect(to: "/\(entity.resource)/\(try ApiRecordsController.id(request))")
            }
            api.post(.constant(entity.resource), ":id", "review") { request -> Response in
                struct Body: Content {
                    let decision: String
                    let comment: String?
                }
                let body = try request.content.decode(Body.self)
                let record = try await self.review(request, entity.resource, decision: body.decision, comment: body.comment)
                return .json(.object(["id": .int(record.id), "review": .string(record["review"].textValue ?? ""), "version": .int(record.version)]))
            }
        }
    }

    static func review(_ request: Request, _ resource: String, decision: String?, comment: String?) async throws -> Record {
        let entity = try await ApiRecordsController.entity(request, resource)
        guard let decision, ["approve", "reject"].contains(decision) else {
            throw RecordError.invalid(ValidationFailure(["decision": FieldError("not_an_option")]))
        }
        return try await request.strand.records.review(entity, id: try ApiRecordsController.id(request), approve: decision == "approve",
                                                       comment: comment ?? "", context: try request.writeContext())
    }
}
