import Foundation
import StrandCore
import StrandStore
import Vapor

/// `/api/v1/<resource>` for every entity, driven by its definition: list, create, show,
/// update with a version check, and soft delete.
enum ApiRecordsController {
    static func register(_ api: any RoutesBuilder, catalog: EntityCatalog) {
        for resource in catalog.entities.map(\.resource) {
            let routes = api.grouped(PathComponent(stringLiteral: resource))
            routes.get { try await self.list($0, resource) }
            routes.post { try await self.create($0, resource) }
            routes.post("bulk") { try await BulkController.api($0, resource) }
            routes.get("export") { try await ExportController.list($0, resource) }
            routes.get(":id") { try await self.show($0, resource) }
            routes.patch(":id") { try await self.update($0, resource) }
            routes.delete(":id") { try await self.delete($0, resource) }
            routes.get(":id", "shares") { try await SharesController.list($0, resource) }
            routes.post(":id", "shares") { try await SharesController.apiAdd($0, resource) }
            routes.delete(":id", "shares", ":user") { try await SharesController.apiRemove($0, resource) }
        }
    }

    /// The entity a path names, with its configured options as stored now.
    static func entity(_ request: Request, _ resource: String) async throws -> EntityDefinition {
        guard let entity = request.strand.catalog.entity(resource: resource) else { throw Abort(.notFound) }
        return try await request.resolved(entity)
    }

    static func id(_ request: Request) throws -> Int64 {
        guard let id = request.parameters.get("id").flatMap(Int64.init) else { throw Abort(.notFound) }
        return id
    }

    static func list(_ request: Request, _ resource: String) async throws -> Response {
        let identity = try request.requireIdentity()
        let entity = try await self.entity(request, resource)
        let departments = try await request.strand.database.read { try await Directory.departments(db: $0) }
        var query = try ListRequest.query(request, entity: entity, timeZone: identity.timeZone).expandingDepartments(departments)
        try ListRequest.checkAccess(query, entity: entity, actor: identity.actor)
        // A script paging through the list learns the count once, from the first page.
        query.counting = query.cursor == nil
        let page = try await request.strand.database.list(entity, query: query, scope: identity.actor.filter(.view, on: entity.key))
        return .json(.object([
            "data": .array(page.records.map { $0.json(entity, actor: identity.actor) }),
            "next_cursor": page.next.map { .string($0.token) } ?? .null,
            "prev_cursor": page.previous.map { .string($0.token) } ?? .null,
            "matches": page.matches.map { .object(["count": .number(String($0.count)), "exact": .bool($0.exact)]) } ?? .null,
        ]))
    }

    static func show(_ request: Request, _ resource: String) async throws -> Response {
        let identity = try request.requireIdentity()
        let entity = try await self.entity(request, resource)
        guard let record = try await request.strand.database.find(entity, id: try self.id(request), scope: identity.actor.filter(.view, on: entity.key)) else {
            throw RecordError.notFound
        }
        return .json(record.json(entity, actor: identity.actor))
    }

    static func create(_ request: Request, _ resource: String) async throws -> Response {
        let identity = try request.requireIdentity()
        let entity = try await self.entity(request, resource)
        let body = try self.body(request)
        do {
            let created = try await request.strand.records.create(entity, input: body.mapValues(\.input), context: try request.writeContext())
            var json = created.record.json(entity, actor: identity.actor)
            var warnings: [String: JSON] = [:]
            if !created.duplicates.isEmpty { warnings["duplicates"] = try await DuplicateJSON.render(created.duplicates, request: request) }
            if !created.conflicts.isEmpty { warnings["conflicts"] = .array(created.conflicts.map(CalendarController.json)) }
            if !warnings.isEmpty, case .object(var members) = json {
                members["warnings"] = .object(warnings)
                json = .object(members)
            }
            return .json(json, status: .created)
        } catch RecordError.duplicates(let matches) {
            return try await DuplicateJSON.blocked(matches, request: request)
        }
    }

    static func update(_ request: Request, _ resource: String) async throws -> Response {
        let identity = try request.requireIdentity()
        let entity = try await self.entity(request, resource)
        var body = try self.body(request)
        let version = try self.expectedVersion(request, sent: body.removeValue(forKey: "version"))
        for key in ["id", "created_at", "updated_at", "created_by", "department_id"] { body.removeValue(forKey: key) }
        do {
            let record = try await request.strand.records.update(entity, id: try self.id(request), input: body.mapValues(\.input),
                                                                 expectedVersion: version, context: try request.writeContext())
            return .json(record.json(entity, actor: identity.actor))
        } catch RecordError.conflict(let current, let changes, let clashes) {
            let strings = request.strings
            return .json(.object(["error": .object([
                "code": .string("conflict"), "message": .string(strings("error.conflict")), "fields": .object([:]),
                "current": current.json(entity, actor: identity.actor),
                "changes": .object(changes.mapValues { .object(["from": $0.from.map(JSON.string) ?? .null, "to": $0.to.map(JSON.string) ?? .null]) }),
                // The fields this change and the colleague's both set, to different values.
                "clashes": .array(clashes.keys.sorted().map(JSON.string)),
            ])]), status: .conflict)
        }
    }

    /// A change must say which version it was made on, in the body or as `If-Match`: without it,
    /// a client that never read the record would silently overwrite a colleague's change.
    static func expectedVersion(_ request: Request, sent: JSON?) throws -> Int64 {
        let header = request.headers.first(name: .ifMatch).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/")) }
        switch (sent, header) {
        case (nil, nil): throw Abort(.preconditionRequired)
        case (.number(let text)?, _), (nil, let text?): if let version = Int64(text), version >= 0 { return version }
        default: break
        }
        throw ListError.badValue("version")
    }

    static func delete(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await self.entity(request, resource)
        try await request.strand.records.delete(entity, id: try self.id(request), context: try request.writeContext())
        return Response(status: .noContent)
    }

    static func body(_ request: Request) throws -> [String: JSON] {
        guard let buffer = request.body.data, case .object(let members)? = try? JSON.parse(buffer.readableBytesView) else {
            throw Abort(.badRequest)
        }
        return members
    }
}

/// Duplicate matches as the API shows them: full for records the caller may see, name and
/// owner only for the rest.
enum DuplicateJSON {
    static func render(_ matches: [DuplicateMatch], request: Request) async throws -> JSON {
        let users = try await request.strand.database.read { try await Directory.users(db: $0) }
        return .array(matches.map { match in
            var members: [String: JSON] = [
                "field": .string(match.field), "name": .string(match.title),
                "owner": .string(users.first { $0.id == match.ownerId }?.name ?? ""),
            ]
            if match.visible { members["id"] = .int(match.recordId) }
            return .object(members)
        })
    }

    static func blocked(_ matches: [DuplicateMatch], request: Request) async throws -> Response {
        .json(.object(["error": .object([
            "code": .string("duplicate"), "message": .string(request.strings("error.duplicate")), "fields": .object([:]),
            "duplicates": try await self.render(matches, request: request),
        ])]), status: .conflict)
    }
}
