import Foundation
import StrandCore
import StrandStore
import Vapor

/// The pools and the territories over the API: the same services as the pages.
enum ApiSalesController {
    static func register(_ api: any RoutesBuilder) {
        api.get("territories", use: self.territories)
        api.put("territories", use: self.saveTerritories)
        api.get("pools", use: self.pools)
        api.post("pools", ":pool", "claim", use: self.claim)
        api.post("pools", ":pool", "assign", use: self.assign)
    }

    static func territories(_ request: Request) async throws -> Response {
        guard try request.requireIdentity().actor.isAdmin else { throw RecordError.forbidden }
        let setup = try await request.strand.database.read { try await AssignmentStore.load(db: $0) }
        return self.encoded(setup)
    }

    static func saveTerritories(_ request: Request) async throws -> Response {
        guard let body = request.body.data, let setup = try? JSONDecoder().decode(AssignmentSetup.self, from: body) else {
            throw Abort(.badRequest)
        }
        try await AssignmentStore.save(setup, context: try request.writeContext(), database: request.strand.database)
        return self.encoded(setup)
    }

    static func pools(_ request: Request) async throws -> Response {
        let pools = try await PoolsController.service(request).pools(for: try request.requireIdentity().actor)
        return .json(.object(["data": .array(pools.map { .object(["id": .int($0.id), "name": .string($0.name), "is_default": .bool($0.isDefault)]) }),
                              "next_cursor": .null]))
    }

    struct PoolAction: Content {
        let ids: [Int64]
        /// Who gets them; `by_territory` instead gives each to its territory's person.
        let user_id: Int64?
        let by_territory: Bool?
    }

    static func claim(_ request: Request) async throws -> Response {
        _ = try await PoolsController.pool(request)
        let body = try request.content.decode(PoolAction.self)
        try await PoolsController.service(request).claim(body.ids, context: try request.writeContext())
        return .json(.object(["done": .int(Int64(Set(body.ids).count))]))
    }

    static func assign(_ request: Request) async throws -> Response {
        _ = try await PoolsController.pool(request)
        let body = try request.content.decode(PoolAction.self)
        let service = PoolsController.service(request), context = try request.writeContext()
        if body.by_territory == true {
            return .json(.object(["done": .int(Int64(try await service.assignByTerritory(body.ids, context: context)))]))
        }
        guard let user = body.user_id else { throw RecordError.invalid(ValidationFailure(["user_id": FieldError("required")])) }
        try await service.assign(body.ids, to: user, context: context)
        return .json(.object(["done": .int(Int64(Set(body.ids).count))]))
    }

    static func encoded(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let response = Response(status: .ok, body: .init(data: (try? encoder.encode(value)) ?? Data("{}".utf8)))
        response.headers.contentType = .json
        return response
    }
}
