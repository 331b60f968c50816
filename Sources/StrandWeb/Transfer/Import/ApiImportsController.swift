import Foundation
import StrandCore
import StrandOffice
import StrandStore
import Vapor

/// Imports through the API, the same steps as the pages: `POST /api/v1/imports?entity=customer&file_name=名片.vcf`
/// with the file as the body; `PUT .../:import/settings` with `{"mapping":{"0":"name"},"duplicates":"update",
/// "match_field":"name","tag":"展会"}`; `GET .../:import/preview`; `POST .../:import/run`;
/// `GET .../:import` for its progress and outcome; `POST .../:import/revert`.
enum ApiImportsController {
    static func register(_ api: any RoutesBuilder) {
        let imports = api.grouped("imports")
        imports.on(.POST, body: .collect(maxSize: "25mb"), use: self.create)
        imports.get(":import", use: self.show)
        imports.put(":import", "settings", use: self.settings)
        imports.get(":import", "preview", use: self.preview)
        imports.post(":import", "run", use: self.run)
        imports.post(":import", "revert", use: self.revert)
    }

    static func create(_ request: Request) async throws -> Response {
        let name = (try? request.query.get(String.self, at: "file_name")) ?? ""
        let data = request.body.data.map { Data(buffer: $0) } ?? Data()
        let id = try await ImportController.create(request, entity: try? request.query.get(String.self, at: "entity"), file: data.isEmpty ? nil : (name, data))
        return try await self.describe(request, id: id, status: .created)
    }

    static func show(_ request: Request) async throws -> Response {
        let (job, _) = try await ImportController.job(request)
        return try await self.describe(request, id: job.id)
    }

    static func describe(_ request: Request, id: Int64, status: HTTPResponseStatus = .ok) async throws -> Response {
        guard let job = try await request.strand.database.read({ try await Imports.find(id: id, db: $0) }) else { throw RecordError.notFound }
        var object = ImportController.progressJSON(job, request: request)
        object["id"] = .int(job.id)
        object["entity"] = .string(job.entity)
        // The file's columns matter while it is set up; a status poll during a run must not read the whole file again.
        if job.status.settingUp {
            let table = try await ImportController.loaded(request, job)
            object["header"] = .array(table.header.map(JSON.string))
            object["sheets"] = .array(table.sheets.map(JSON.string))
        }
        object["encoding"] = job.encoding.map { .string($0.rawValue) } ?? .null
        object["mapping"] = .object(Dictionary(uniqueKeysWithValues: job.settings.mapping.map { (String($0.key), JSON.string($0.value)) }))
        object["duplicates"] = .string(job.settings.duplicates.rawValue)
        object["match_field"] = job.settings.matchField.map(JSON.string) ?? .null
        object["into_pool"] = .bool(job.settings.intoPool)
        for (key, count) in [("created", job.created), ("updated", job.updated), ("skipped", job.skipped)] { object[key] = .int(Int64(count)) }
        object["rejected"] = .array(job.rejected.map { .object(["row": .int(Int64($0.row)), "errors": self.errors($0.errors, request: request)]) })
        return .json(.object(object), status: status)
    }

    static func errors(_ errors: [String: FieldError], request: Request) -> JSON {
        .object(errors.mapValues { .string(request.strings.error($0)) })
    }

    static func settings(_ request: Request) async throws -> Response {
        let (job, entity) = try await ImportController.job(request)
        guard case .object(let body) = try JSON.parse(request.body.data.map { Array($0.readableBytesView) } ?? []) else { throw Abort(.badRequest) }
        // Without a mapping the suggested (or last) one stays.
        var columns = job.settings.mapping
        if case .object(let mapping)? = body["mapping"] {
            columns = [:]
            for (column, field) in mapping { if let index = Int(column), case .string(let key) = field { columns[index] = key } }
        }
        var values: [String: String] = [:]
        for key in ["duplicates", "match_field", "tag", "encoding"] { if case .string(let text)? = body[key] { values[key] = text } }
        if case .number(let sheet)? = body["sheet"] { values["sheet"] = sheet }
        if case .bool(let pooled)? = body["into_pool"] { values["into_pool"] = pooled ? "1" : "0" }
        let table = try await ImportController.loaded(request, job)
        let (saved, _) = try await ImportController.apply(request, job: job, entity: entity, table: table, columns: columns, values: values)
        return try await self.describe(request, id: saved.id)
    }

    /// Every row's verdict is worked out; the counts are of all of them, the rows come a page at a
    /// time (`?verdict=error&after=120&limit=500`, `next_after` while there are more).
    static func preview(_ request: Request) async throws -> Response {
        let (job, entity) = try await ImportController.job(request)
        let verdicts = try await ImportController.verdicts(request, job, entity).filter { $0.kind != .empty }
        let counts = Dictionary(grouping: verdicts, by: \.kind).mapValues { JSON.int(Int64($0.count)) }
        let shown = (try? request.query.get(String.self, at: "verdict")).flatMap(RowVerdict.Kind.init)
        let after = (try? request.query.get(Int.self, at: "after")) ?? 0
        let limit = min(max((try? request.query.get(Int.self, at: "limit")) ?? 500, 1), 5_000)
        let listed = verdicts.filter { $0.row > after && (shown == nil || $0.kind == shown) }
        let page = listed.prefix(limit)
        return .json(.object([
            "counts": .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })),
            "next_after": listed.count > limit ? .int(Int64(page.last?.row ?? 0)) : .null,
            "rows": .array(page.map { verdict in
                .object(["row": .int(Int64(verdict.row)), "verdict": .string(verdict.kind.rawValue), "record_id": .int(verdict.recordId),
                         "same_as_row": .int(verdict.sameAsRow.map(Int64.init)), "errors": self.errors(verdict.errors, request: request)])
            }),
        ]))
    }

    static func run(_ request: Request) async throws -> Response {
        let (job, entity) = try await ImportController.job(request)
        try await ImportController.start(request, job: job, entity: entity)
        return try await self.describe(request, id: job.id, status: .accepted)
    }

    static func revert(_ request: Request) async throws -> Response {
        let (job, _) = try await ImportController.job(request)
        try await request.strand.records.revertImport(job.id, context: try request.writeContext())
        return try await self.describe(request, id: job.id)
    }
}
