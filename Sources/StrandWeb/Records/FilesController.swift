import StrandCore
import StrandStore
import Vapor

/// Uploading and downloading files. A file attached to a record is served to whoever may see
/// that record; one not yet attached only to the person who uploaded it. Always as a download,
/// never rendered, so an uploaded page cannot run in Strand's origin.
enum FilesController {
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.get("files", ":file", use: self.download)
        api.get("files", ":file", use: self.download)
        api.on(.POST, "files", body: .collect(maxSize: "25mb"), use: self.upload)
    }

    /// `POST /api/v1/files?name=报价单.pdf` with the bytes as the body; answers the new file's id.
    static func upload(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        guard let buffer = request.body.data, buffer.readableBytes > 0 else { throw Abort(.badRequest) }
        let name = request.query[String.self, at: "name"] ?? "file"
        let saved = try await FileStore.save(Data(buffer: buffer), name: name, contentType: request.headers.contentType?.serialize() ?? "application/octet-stream",
                                             userId: identity.user.id, dataDirectory: request.strand.config.dataDirectory, database: request.strand.database)
        return .json(.object(["id": .string(saved.id), "name": .string(saved.name), "size": .int(saved.size)]), status: .created)
    }

    static func download(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let strand = request.strand
        guard let id = request.parameters.get("file"),
              let file = try await strand.database.read({ try await FileStore.find(ids: [id], db: $0) }).first else { throw RecordError.notFound }
        if let entityKey = file.entity, let recordId = file.recordId {
            guard let entity = strand.catalog.entity(entityKey),
                  try await strand.database.find(entity, id: recordId, scope: identity.actor.filter(.view, on: entityKey)) != nil else {
                throw RecordError.notFound
            }
        } else if file.uploadedBy != identity.user.id {
            throw RecordError.notFound
        }
        let url = FileStore.directory(strand.config.dataDirectory).appendingPathComponent(file.id)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw RecordError.notFound }
        var headers = HTTPHeaders()
        headers.contentType = .binary
        let encoded = file.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"file\"; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
