import Foundation
import StrandCore
import StrandOffice
import StrandStore
import Vapor

/// Imports (H6, D7): upload a file, map its columns, preview every row's verdict, then run it in
/// the background (one transaction, with a progress bar) and, while nothing has changed since,
/// revert it. Pages under `/imports`.
enum ImportController {
    static func register(_ pages: any RoutesBuilder) {
        let imports = pages.grouped("imports")
        imports.get { try await self.index($0) }
        imports.post(use: self.upload)
        imports.get(":import", use: self.show)
        imports.post(":import", "settings", use: self.saveSettings)
        imports.get(":import", "preview", use: self.preview)
        imports.post(":import", "run", use: self.run)
        imports.get(":import", "progress", use: self.progress)
        imports.post(":import", "revert", use: self.revert)
        imports.get(":import", "rejects", use: self.rejects)
    }

    static func index(_ request: Request, problem: FieldError? = nil) async throws -> Response {
        let identity = try request.requireIdentity()
        let jobs = try await request.strand.database.read { try await Imports.list(userId: identity.user.id, db: $0) }
        return ImportPages.index(PageContext(request), jobs: jobs, entities: self.importable(request), problem: problem,
                                 status: problem == nil ? .ok : .unprocessableEntity)
    }

    /// Entities the reader may create records of.
    static func importable(_ request: Request) -> [EntityDefinition] {
        let actor = request.identity?.actor
        return request.strand.catalog.entities.filter { actor?.can(.create, on: $0.key) == true && !$0.managedByParent && !$0.catalogue }
    }

    /// A file that is not one Strand reads comes back to the form, the reason beside the file.
    static func upload(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        do {
            let id = try await self.create(request, entity: form["entity"], file: form.uploads.first.map { ($0.name, $0.data) })
            return request.redirect(to: "/imports/\(id)")
        } catch RecordError.invalid(let failure) {
            return try await self.index(request, problem: failure.fields["file"] ?? .invalid)
        }
    }

    /// A new import of `file` into `entity`, its columns mapped as remembered or suggested.
    static func create(_ request: Request, entity key: String?, file: (name: String, data: Data)?) async throws -> Int64 {
        let identity = try request.requireIdentity()
        guard let entity = self.importable(request).first(where: { $0.key == key }) else { throw RecordError.forbidden }
        guard let file, let kind = ImportTable.kind(of: file.name) else {
            throw RecordError.invalid(ValidationFailure(["file": FieldError("import_file_kind")]))
        }
        let table = try self.table(file.data, kind: kind)
        return try await request.strand.database.write { db in
            let id = try await Imports.create(userId: identity.user.id, entity: entity.key, fileName: file.name, kind: kind, content: file.data, db: db)
            guard var job = try await Imports.find(id: id, db: db) else { throw RecordError.notFound }
            job.encoding = table.encoding
            job.settings.mapping = try await ImportMappings.remembered(entity.key, headers: table.header, db: db)
                ?? ImportMapping.suggest(table.header, entity: entity, actor: identity.actor)
            job.settings.matchField = entity.fields.first { $0.duplicateCheck && job.settings.mapping.values.contains($0.key) }?.key
            try await Imports.save(job, db: db)
            request.strand.imports.keep(table, as: self.tableKey(job))
            return id
        }
    }

    /// Files being read at once: each may hold a large table in memory while it is read.
    static let readers = ReadingGate(limit: 2)

    static func table(_ data: Data, kind: ImportTable.Kind, sheet: Int = 0, encoding: CsvText.Encoding? = nil) throws -> ImportTable {
        guard self.readers.enter() else { throw RecordError.invalid(ValidationFailure(["file": FieldError("import_busy")])) }
        defer { self.readers.leave() }
        do { return try ImportTable.read(data, kind: kind, sheet: sheet, encoding: encoding) } catch XlsxReader.Failure.tooLarge {
            throw RecordError.invalid(ValidationFailure(["file": FieldError("import_file_too_large")]))
        } catch XlsxReader.Failure.tooManyRows {
            throw RecordError.invalid(ValidationFailure(["file": FieldError("import_too_many_rows", ["max": "200,000"])]))
        } catch {
            throw RecordError.invalid(ValidationFailure(["file": FieldError("import_file_unreadable")]))
        }
    }

    /// The import of this request, if it is the reader's.
    static func job(_ request: Request) async throws -> (ImportJob, EntityDefinition) {
        let identity = try request.requireIdentity()
        guard let id = request.parameters.get("import", as: Int64.self),
              let job = try await request.strand.database.read({ try await Imports.find(id: id, db: $0) }),
              job.userId == identity.user.id, let entity = request.strand.catalog.entity(job.entity) else { throw RecordError.notFound }
        return (job, entity)
    }

    static func loaded(_ request: Request, _ job: ImportJob) async throws -> ImportTable {
        let key = self.tableKey(job)
        if let kept = request.strand.imports.table(key) { return kept }
        guard let data = try await request.strand.database.read({ try await Imports.content(id: job.id, db: $0) }) else { throw RecordError.notFound }
        let table = try self.table(data, kind: job.kind, sheet: job.sheet, encoding: job.encoding)
        request.strand.imports.keep(table, as: key)
        return table
    }

    static func tableKey(_ job: ImportJob) -> ImportProgress.TableKey {
        ImportProgress.TableKey(id: job.id, sheet: job.sheet, encoding: job.encoding)
    }

    static func show(_ request: Request) async throws -> Response {
        let (job, entity) = try await self.job(request)
        let context = PageContext(request)
        switch job.status {
        case .draft, .failed, .interrupted:
            let table = try await self.loaded(request, job)
            return ImportPages.mapping(context, job: job, entity: entity, table: table,
                                       targets: ImportMapping.targets(entity, actor: try request.requireIdentity().actor))
        case .running, .done, .reverted:
            return ImportPages.status(context, job: job, entity: entity, progress: request.strand.imports.state(job.id))
        }
    }

    static func saveSettings(_ request: Request) async throws -> Response {
        let (job, entity) = try await self.job(request)
        let form = try FormInput.values(request)
        let table = try await self.loaded(request, job)
        let columns = table.header.indices.reduce(into: [Int: String]()) { columns, index in columns[index] = form["column_\(index)"] }
        let (saved, reread) = try await self.apply(request, job: job, entity: entity, table: table, columns: columns, values: form.fields)
        return request.redirect(to: reread ? "/imports/\(saved.id)" : "/imports/\(saved.id)/preview")
    }

    /// Keeps what the person chose (from the form or the API): columns to fields they may fill,
    /// duplicates, the match field, a tag, and the sheet and encoding (which read the file again).
    static func apply(_ request: Request, job: ImportJob, entity: EntityDefinition, table: ImportTable, columns: [Int: String],
                      values: [String: String]) async throws -> (ImportJob, reread: Bool) {
        var job = job
        guard job.status.settingUp else { throw RecordError.forbidden }
        let targets = ImportMapping.targets(entity, actor: try request.requireIdentity().actor)
        job.settings.mapping = [:]
        for (index, key) in columns.sorted(by: { $0.key < $1.key }) where table.header.indices.contains(index) && targets.contains(key) {
            if !job.settings.mapping.values.contains(key) { job.settings.mapping[index] = key }
        }
        job.settings.duplicates = values["duplicates"].flatMap(ImportSettings.Duplicates.init) ?? .skip
        job.settings.matchField = values["match_field"].flatMap { entity.field($0)?.key }
        job.settings.tag = values["tag"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : String($0.prefix(50)) }
        job.settings.intoPool = entity.pooled && (values["into_pool"] == "1" || values["into_pool"] == "true")
        let sheet = values["sheet"].flatMap(Int.init).flatMap { table.sheets.indices.contains($0) ? $0 : nil } ?? job.sheet
        let encoding = values["encoding"].flatMap(CsvText.Encoding.init) ?? job.encoding
        let reread = sheet != job.sheet || encoding != job.encoding
        (job.sheet, job.encoding) = (sheet, encoding)
        let saved = job
        try await request.strand.database.write { db in
            try await Imports.save(saved, db: db)
            if !reread { try await ImportMappings.remember(saved.entity, headers: table.header, mapping: saved.settings.mapping, db: db) }
        }
        return (saved, reread)
    }

    static func verdicts(_ request: Request, _ job: ImportJob, _ entity: EntityDefinition, table given: ImportTable? = nil) async throws -> [RowVerdict] {
        let table = if let given { given } else { try await self.loaded(request, job) }
        let names = ImportNames(choiceLabels: try await ImportLabels.choices(entity, request: request))
        let key = self.tableKey(job)
        let preview = try await request.strand.database.previewImport(entity, table: table, settings: job.settings, names: names,
                                                                      catalog: request.strand.catalog, context: try request.writeContext(),
                                                                      earlier: request.strand.imports.preview(key))
        request.strand.imports.keep(preview, of: key)
        return preview.verdicts
    }

    static func preview(_ request: Request) async throws -> Response {
        let (job, entity) = try await self.job(request)
        let table = try await self.loaded(request, job)
        let verdicts = try await self.verdicts(request, job, entity, table: table)
        return ImportPages.preview(PageContext(request), job: job, entity: entity, table: table, verdicts: verdicts,
                                   shown: (try? request.query.get(String.self, at: "verdict")).flatMap(RowVerdict.Kind.init))
    }
}
