import StrandCore
import StrandStore
import Vapor

/// Following a record (F11): whoever may see it may follow it, and hears of others' changes.
enum FollowsController {
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder, catalog: EntityCatalog) {
        for resource in catalog.entities.map(\.resource) {
            pages.post(PathComponent(stringLiteral: resource), ":id", "follow") { try await self.page($0, resource) }
            api.put(PathComponent(stringLiteral: resource), ":id", "follow") { try await self.api($0, resource, follow: true) }
            api.delete(PathComponent(stringLiteral: resource), ":id", "follow") { try await self.api($0, resource, follow: false) }
        }
    }

    static func set(_ request: Request, _ resource: String, follow: Bool) async throws -> (EntityDefinition, Record) {
        let (entity, record) = try await DocumentsController.visible(request, resource)
        let userId = try request.requireIdentity().user.id
        try await request.strand.database.write { db in
            if follow {
                try await Follows.follow(entity, recordId: record.id, userId: userId, now: Clock.millis(), db: db)
            } else {
                try await Follows.unfollow(entity, recordId: record.id, userId: userId, db: db)
            }
        }
        return (entity, record)
    }

    static func page(_ request: Request, _ resource: String) async throws -> Response {
        let (entity, record) = try await self.set(request, resource, follow: try FormInput.values(request)["follow"] == "1")
        return request.redirect(to: "/\(entity.resource)/\(record.id)")
    }

    static func api(_ request: Request, _ resource: String, follow: Bool) async throws -> Response {
        _ = try await self.set(request, resource, follow: follow)
        return .json(.object(["following": .bool(follow)]))
    }
}
