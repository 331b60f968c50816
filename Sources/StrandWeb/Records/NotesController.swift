import StrandCore
import StrandStore
import Vapor

/// Notes through the pages and the API: `POST /notes` (on the record a form names, or on the
/// writer's workbench), their removal, and `GET /api/v1/notes` or `/api/v1/{resource}/{id}/notes`.
enum NotesController {
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder, catalog: EntityCatalog) {
        pages.post("notes", use: self.add)
        pages.post("notes", ":id", "delete", use: self.remove)
        api.get("notes", use: self.apiSticky)
        api.post("notes", use: self.apiAdd)
        api.delete("notes", ":id") { request async throws -> Response in
            try await Notes.remove(try ApiRecordsController.id(request), context: try request.writeContext(), database: request.strand.database)
            return Response(status: .noContent)
        }
        for resource in catalog.entities.map(\.resource) {
            api.get(PathComponent(stringLiteral: resource), ":id", "notes") { request async throws -> Response in
                let (entity, record) = try await DocumentsController.visible(request, resource)
                let notes = try await request.strand.database.read { try await Notes.on(entity, recordId: record.id, db: $0) }
                return .json(.object(["data": .array(notes.map(self.json))]))
            }
        }
    }

    static func json(_ note: Note) -> JSON {
        .object(["id": .int(note.id), "user_id": .int(note.userId), "entity": note.entity.isEmpty ? .null : .string(note.entity),
                 "record_id": note.entity.isEmpty ? .null : .int(note.recordId), "content": .string(note.content),
                 "created_at": .string(DateTimeText.iso(note.createdAt))])
    }

    /// Adds the note and goes back to its page; refused, the page shows why beside the note's field.
    static func add(_ request: Request) async throws -> Response {
        try await OnceToken.guarding(request) { try await self.addOnce(request) }
    }

    static func addOnce(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        let record = try self.record(request, resource: form["resource"], id: form["record_id"])
        do {
            _ = try await Notes.add(form["content"] ?? "", on: record, context: try request.writeContext(), database: request.strand.database)
        } catch RecordError.invalid(let failure) {
            let note = (failure.fields["content"], form["content"] ?? "")
            if let record {
                var model = try await DetailModel.make(request, entity: record.entity, id: record.id)
                model.noteError = note
                return DetailPage.render(PageContext(request), model, status: .unprocessableEntity)
            }
            return try await WorkbenchController.show(request, noteError: note, status: .unprocessableEntity)
        }
        return request.redirect(to: record.map { "/\($0.entity.resource)/\($0.id)#notes" } ?? "/#notes")
    }

    static func record(_ request: Request, resource: String?, id: String?) throws -> (entity: EntityDefinition, id: Int64)? {
        guard let resource, !resource.isEmpty else { return nil }
        guard let entity = request.strand.catalog.entity(resource: resource), let id = id.flatMap(Int64.init) else { throw RecordError.notFound }
        return (entity, id)
    }

    static func remove(_ request: Request) async throws -> Response {
        try await Notes.remove(try ApiRecordsController.id(request), context: try request.writeContext(), database: request.strand.database)
        let back = FormInput.returnPath(try FormInput.values(request), field: "back") ?? "/"
        return request.redirect(to: back + "#notes")
    }

    static func apiSticky(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let notes = try await request.strand.database.read { try await Notes.sticky(userId: identity.user.id, db: $0) }
        return .json(.object(["data": .array(notes.map(self.json))]))
    }

    struct Body: Content {
        var content: String
        var entity: String?
        var recordId: Int64?

        enum CodingKeys: String, CodingKey { case content, entity, recordId = "record_id" }
    }

    static func apiAdd(_ request: Request) async throws -> Response {
        let body = try request.content.decode(Body.self)
        let record = try body.entity.map { key -> (entity: EntityDefinition, id: Int64) in
            guard let entity = request.strand.catalog.entity(key), let id = body.recordId else { throw RecordError.notFound }
            return (entity, id)
        }
        let note = try await Notes.add(body.content, on: record, context: try request.writeContext(), database: request.strand.database)
        return .json(self.json(note), status: .created)
    }
}
