import Foundation
import StrandCore
import StrandOffice
import StrandStore
import Vapor

/// A workbook with a sheet per record of a list (G5: "each customer on its own sheet"): the
/// record's fields at the top, then the related lists chosen (`related=contacts,follow_ups`),
/// each under its own bold title and header. At most `limit` records, read in the list's order.
enum RecordWorkbook {
    static let limit = 200
    static let perList = 1_000

    static func export(_ request: Request, entity: EntityDefinition, query: ListQuery) async throws -> Response {
        let identity = try request.requireIdentity()
        let strings = request.strings
        var query = query
        query.limit = Self.limit + 1
        let records = try await request.strand.database.list(entity, query: query, scope: identity.actor.filter(.export, on: entity.key)).records
        guard records.count <= Self.limit else {
            throw RecordError.invalid(ValidationFailure(["per": FieldError("too_many_records", ["max": String(Self.limit)])]))
        }
        let chosen = Set(ListRequest.items(request).filter { $0.0 == "related" }.flatMap { $0.1.split(separator: ",").map(String.init) })
        let lists = request.strand.catalog.related(to: entity.key).filter { chosen.contains($0.entity.resource) && identity.actor.can(.export, on: $0.entity.key) }
        let file = try ExportFile(format: .xlsx, encoding: .utf8, directory: ExportController.workDirectory(request))
        let own = ExportColumns(entity, fields: try await ListColumns.shown(request, entity: entity), strings: strings)
        // Each related list's columns, read once for the whole workbook rather than per record.
        var sections: [ExportColumns] = []
        for (child, _) in lists { sections.append(ExportColumns(child, fields: try await ListColumns.shown(request, entity: child), strings: strings)) }
        let finished = try await file.removingOnError {
            let lookups = try await Lookups.load(for: records, entity: entity, request: request)
            for record in records {
                try file.begin(sheet: record.title(entity), header: [strings("workbook.field"), strings("workbook.value")], filtered: false)
                for (label, cell) in zip(own.header, own.cells(record, lookups: lookups, timeZone: identity.timeZone)) { try file.append([.text(label), cell]) }
                for (index, (child, link)) in lists.enumerated() {
                    try await self.section(request, child: child, link: link, columns: sections[index], parent: record.id, file: file)
                }
            }
            if records.isEmpty { try file.begin(sheet: strings("nav.\(entity.resource)"), header: [strings("list.empty")], filtered: false) }
            try await ExportController.audit(request, entity: entity, format: .xlsx, rows: records.count)
            return try file.finish()
        }
        return try await ExportController.download(request, finished, name: strings("nav.\(entity.resource)") + ".xlsx", removing: file.directory)
    }

    /// A related list under the record: a blank row, its title, its header, its rows.
    static func section(_ request: Request, child: EntityDefinition, link: String, columns: ExportColumns, parent: Int64,
                        file: ExportFile) async throws {
        let identity = try request.requireIdentity()
        var query = ListQuery()
        query.filters = [ListQuery.Filter(column: link, operation: .equals([.integer(parent)]))]
        query.limit = Self.perList
        let records = try await request.strand.database.list(child, query: query, scope: identity.actor.filter(.export, on: child.key)).records
        let lookups = try await Lookups.load(for: records, entity: child, request: request)
        try file.append([])
        try file.append([.text(request.strings("nav.\(child.resource)"))], bold: true)
        try file.append(columns.header.map { .text($0) }, bold: true)
        for record in records { try file.append(columns.cells(record, lookups: lookups, timeZone: identity.timeZone)) }
    }
}
