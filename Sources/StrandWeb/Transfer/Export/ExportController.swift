import Foundation
import StrandCore
import StrandOffice
import StrandStore
import Vapor

/// Exports a list as it is shown (G5, A9): its search, filters and sort, the columns it shows,
/// within what the reader may export, as typed .xlsx (`?format=xlsx`) or CSV (`?format=csv`,
/// `&encoding=gb18030` for older Excel). Rows are read a page at a time by key and written to a
/// file, so a million rows take bounded memory; the export is audited.
enum ExportController {
    static let pageSize = 500

    static func list(_ request: Request, _ resource: String) async throws -> Response {
        let entity = try await ApiRecordsController.entity(request, resource)
        let identity = try request.requireIdentity()
        guard identity.actor.can(.export, on: entity.key) else { throw RecordError.forbidden }
        let format = (try? request.query.get(String.self, at: "format")).flatMap(ExportFile.Format.init) ?? .xlsx
        let encoding = (try? request.query.get(String.self, at: "encoding")).flatMap(CsvText.Encoding.init) ?? .utf8
        var query = try ListRequest.query(request, entity: entity, timeZone: identity.timeZone)
        try ListRequest.checkAccess(query, entity: entity, actor: identity.actor)
        let departments = try await request.strand.database.read { try await Directory.departments(db: $0) }
        (query.limit, query.cursor) = (Self.pageSize, nil)
        query = query.expandingDepartments(departments)
        if (try? request.query.get(String.self, at: "per")) == "record" { return try await RecordWorkbook.export(request, entity: entity, query: query) }
        let columns = ExportColumns(entity, fields: try await ListColumns.shown(request, entity: entity), strings: request.strings)
        let file = try ExportFile(format: format, encoding: encoding, directory: Self.workDirectory(request))
        let finished = try await file.removingOnError {
            try file.begin(sheet: request.strings("nav.\(entity.resource)"), header: columns.header)
            var rows = 0
            repeat {
                let page = try await request.strand.database.list(entity, query: query, scope: identity.actor.filter(.export, on: entity.key))
                let lookups = try await Lookups.load(for: page.records, entity: entity, request: request)
                for record in page.records { try file.append(columns.cells(record, lookups: lookups, timeZone: identity.timeZone)) }
                rows += page.records.count
                query.cursor = page.next
            } while query.cursor != nil
            try await self.audit(request, entity: entity, format: format, rows: rows)
            return try file.finish()
        }
        return try await self.download(request, finished, name: request.strings("nav.\(entity.resource)") + "." + format.rawValue, removing: file.directory)
    }

    /// Exports pass through the system's temporary directory, and leave it as soon as they are sent.
    static func workDirectory(_ request: Request) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("strand-export-" + UUID().uuidString)
    }

    /// Sends the file and removes its work directory once it is sent (or the client goes).
    static func download(_ request: Request, _ file: URL, name: String, removing directory: URL) async throws -> Response {
        let type = file.pathExtension == "csv" ? HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            : HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        let response = try await request.fileio.asyncStreamFile(at: file.path, mediaType: type) { _ in
            try? FileManager.default.removeItem(at: directory)
        }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "export"
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"export.\(file.pathExtension)\"; filename*=UTF-8''\(encoded)")
        return response
    }

    static func audit(_ request: Request, entity: EntityDefinition, format: ExportFile.Format, rows: Int) async throws {
        let context = try request.writeContext()
        let entry = AuditEntry(at: Clock.millis(), userId: context.actor.userId, ip: context.ip, action: .export, entity: entity.key, recordId: nil,
                               changes: ["format": AuditChange(from: nil, to: format.rawValue), "rows": AuditChange(from: nil, to: String(rows)),
                                         "query": AuditChange(from: nil, to: request.url.query ?? "")])
        try await request.strand.database.write { try await AuditLog.append(entry, db: $0) }
    }
}

/// The columns a list shows a reader (`ListColumns`), their headers, and a record's cells.
struct ExportColumns {
    let entity: EntityDefinition
    let fields: [FieldDefinition]
    let header: [String]
    let strings: Strings

    init(_ entity: EntityDefinition, fields: [FieldDefinition], strings: Strings) {
        self.entity = entity
        self.fields = fields
        self.strings = strings
        self.header = self.fields.map { strings.field(entity.key, $0.key) }
            + (entity.ownership == .owned ? [strings("system.owner_id")] : []) + [strings("system.updated_at")]
    }

    func cells(_ record: Record, lookups: Lookups, timeZone: TimeZone) -> [SheetCell] {
        self.fields.map { $0.sheetCell(record[$0.key], entity: self.entity.key, strings: self.strings, timeZone: timeZone, lookups: lookups) }
            + (self.entity.ownership == .owned ? [record.ownerId.flatMap { lookups.users[$0] }.map { .text($0) } ?? .empty] : [])
            + [FieldDefinition.sheetMoment(record.updatedAt, timeZone: timeZone)]
    }
}
