import StrandCore
import StrandStore
import Vapor

/// Sharing a record with collaborators from its page and over the API
/// (`/api/v1/<resource>/:id/shares`).
enum SharesController {
    static func add(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let form = try FormInput.values(request)
        let id = try ApiRecordsController.id(request)
        try await request.strand.records.share(entity, ids: [id], with: form.ids("user_ids"), access: try self.access(form["access"]),
                                               context: try request.writeContext())
        return request.redirect(to: "/\(entity.resource)/\(id)#shares")
    }

    static func remove(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let id = try ApiRecordsController.id(request)
        try await request.strand.records.unshare(entity, id: id, user: try self.user(request), context: try request.writeContext())
        return request.redirect(to: "/\(entity.resource)/\(id)#shares")
    }

    static func list(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let identity = try request.requireIdentity()
        let id = try ApiRecordsController.id(request)
        guard try await request.strand.database.find(entity, id: id, scope: identity.actor.filter(.view, on: entity.key)) != nil else {
            throw RecordError.notFound
        }
        let shares = try await request.strand.database.shares(entity, recordId: id)
        return .json(.object(["data": .array(shares.map { .object(["user_id": .int($0.userId), "access": .string($0.access.rawValue)]) }),
                              "next_cursor": .null]))
    }

    static func apiAdd(_ request: Request, _ resource: String) async throws -> Response {
        struct Body: Content {
            let user_ids: [Int64]
            let access: String?
        }
        let entity = try await ApiRecordsController.entity(request, resource)
        let body = try request.content.decode(Body.self)
        try await request.strand.records.share(entity, ids: [try ApiRecordsController.id(request)], with: body.user_ids,
                                               access: try self.access(body.access), context: try request.writeContext())
        return try await self.list(request, resource)
    }

    static func apiRemove(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        try await request.strand.records.unshare(entity, id: try ApiRecordsController.id(request), user: try self.user(request),
                                                 context: try request.writeContext())
        return Response(status: .noContent)
    }

    static func access(_ text: String?) throws -> ShareAccess {
        guard let access = ShareAccess(rawValue: text ?? ShareAccess.read.rawValue) else {
            throw RecordError.invalid(ValidationFailure(["access": FieldError("not_an_option")]))
        }
        return access
    }

    static func user(_ request: Request) throws -> Int64 {
        guard let user = request.parameters.get("user").flatMap(Int64.init) else { throw Abort(.notFound) }
        return user
    }
}
