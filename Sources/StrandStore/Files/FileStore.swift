import Crypto
import Foundation
import SQLKit
import StrandCore

public struct StoredFile: Sendable, Equatable {
    public let id: String
    public let name: String
    public let contentType: String
    public let size: Int64
    public let uploadedBy: Int64
    public let entity: String?
    public let recordId: Int64?
}

/// Uploaded files: saved first, attached to a record by the write pipeline, read back only
/// through the scope of the record they belong to.
public enum FileStore {
    public static let maxSize = 20 * 1024 * 1024

    public static func directory(_ dataDirectory: String) -> URL {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("files")
    }

    /// Writes the bytes under a new random id and records them as not yet attached.
    public static func save(_ data: Data, name: String, contentType: String, userId: Int64, dataDirectory: String,
                            database: StoreDatabase) async throws -> StoredFile {
        let cleanName = self.cleanName(name)
        guard data.count <= self.maxSize else { throw RecordError.invalid(ValidationFailure(["file": FieldError("too_large", ["max": "20 MB"])])) }
        let id = Secrets.token()
        let folder = self.directory(dataDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: folder.appendingPathComponent(id), options: .atomic)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let type = String(contentType.prefix(100))
        try await database.write { db in
            try await db.raw("""
                INSERT INTO files (id, name, content_type, size, sha256, uploaded_by, uploaded_at)
                VALUES (\(bind: id), \(bind: cleanName), \(bind: type), \(bind: Int64(data.count)),
                        \(bind: digest), \(bind: userId), \(bind: Clock.millis()))
                """).run()
        }
        return StoredFile(id: id, name: cleanName, contentType: type, size: Int64(data.count), uploadedBy: userId, entity: nil, recordId: nil)
    }

    public static func find(ids: [String], db: any SQLDatabase) async throws -> [StoredFile] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw("SELECT * FROM files WHERE id IN \(SQLGroupExpression.binds(ids))").all().map { row in
            StoredFile(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                       contentType: try row.decode(column: "content_type", as: String.self), size: try row.decode(column: "size", as: Int64.self),
                       uploadedBy: try row.decode(column: "uploaded_by", as: Int64.self), entity: try row.text("entity"),
                       recordId: try row.integer("record_id"))
        }
    }

    /// A name safe to show and to offer as a download: no path, no control characters.
    static func cleanName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" }.prefix(120)))
        return clean.isEmpty ? "file" : clean
    }

    /// Files named by a record's file fields must be the actor's own unattached uploads or
    /// already this record's; they are then attached to it.
    static func attach(_ entity: EntityDefinition, values: [String: FieldValue], recordId: Int64,
                       actor: Actor, db: any SQLDatabase) async throws {
        var errors: [String: FieldError] = [:]
        for field in entity.fields where field.type == .files {
            guard case .list(let ids) = values[field.key] ?? .null, !ids.isEmpty else { continue }
            let files = try await self.find(ids: ids, db: db)
            let usable = files.filter { file in
                (file.entity == entity.key && file.recordId == recordId) || (file.entity == nil && file.uploadedBy == actor.userId)
            }
            if usable.count != Set(ids).count { errors[field.key] = FieldError("not_found"); continue }
            try await db.raw("""
                UPDATE files SET entity = \(bind: entity.key), record_id = \(bind: recordId)
                WHERE id IN \(SQLGroupExpression.binds(ids))
                """).run()
        }
        if !errors.isEmpty { throw RecordError.invalid(ValidationFailure(errors)) }
    }
}
