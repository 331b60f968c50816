import Foundation
import StrandCore
import StrandOffice
import StrandStore
import Vapor

extension ImportController {
    /// Starts the import in the background and shows its progress; the verdicts are worked out
    /// again from the file, so the run does what the preview showed.
    static func run(_ request: Request) async throws -> Response {
        let (job, entity) = try await self.job(request)
        try await self.start(request, job: job, entity: entity)
        return request.redirect(to: "/imports/\(job.id)")
    }

    static func start(_ request: Request, job: ImportJob, entity: EntityDefinition) async throws {
        var job = job
        guard job.status.settingUp else { throw RecordError.forbidden }
        let verdicts = try await self.verdicts(request, job, entity)
        let (strand, context) = (request.strand, try request.writeContext())
        job.status = .running
        let started = job
        guard try await strand.database.write({ try await Imports.claimRun(id: started.id, db: $0) }) else { throw RecordError.forbidden }
        strand.imports.start(job.id, total: verdicts.count)
        Task.detached {
            do {
                _ = try await strand.records.runImport(started, entity: entity, verdicts: verdicts, context: context) { done in
                    strand.imports.advance(started.id, to: done)
                }
            } catch {
                var failed = started
                (failed.status, failed.error, failed.finishedAt) = (.failed, String(String(describing: error).prefix(500)), StrandStore.Clock.millis())
                let outcome = failed
                try? await strand.database.write { try await Imports.save(outcome, db: $0) }
            }
            strand.imports.finish(started.id)
        }
    }

    /// `{"status":"running","done":1200,"total":4700,"rate":610.5,"seconds_left":6}` for the progress bar.
    static func progress(_ request: Request) async throws -> Response {
        let (job, _) = try await self.job(request)
        return .json(.object(self.progressJSON(job, request: request)))
    }

    static func progressJSON(_ job: ImportJob, request: Request) -> [String: JSON] {
        var object: [String: JSON] = ["status": .string(job.status.rawValue), "total": .int(Int64(job.total))]
        if let state = request.strand.imports.state(job.id) {
            let seconds = max(0.001, Double(StrandStore.Clock.millis() - state.startedAt) / 1000)
            let rate = Double(state.done) / seconds
            object["done"] = .int(Int64(state.done))
            object["total"] = .int(Int64(state.total))
            object["rate"] = .number(JSON.plain((rate * 10).rounded() / 10))
            object["seconds_left"] = rate > 0 ? .int(Int64((Double(state.total - state.done) / rate).rounded())) : .null
        } else {
            object["done"] = .int(Int64(job.status == .running ? 0 : job.total))
        }
        return object
    }

    static func revert(_ request: Request) async throws -> Response {
        let (job, _) = try await self.job(request)
        do {
            try await request.strand.records.revertImport(job.id, context: try request.writeContext())
            return request.redirect(to: "/imports/\(job.id)")
        } catch RecordError.invalid(let failure) {
            return ImportPages.status(PageContext(request), job: job, entity: request.strand.catalog.entity(job.entity)!, progress: nil,
                                      problem: failure.fields["row"], status: .unprocessableEntity)
        }
    }

    /// The rows an import refused, as they were in the file, with the reason beside each.
    static func rejects(_ request: Request) async throws -> Response {
        let (job, entity) = try await self.job(request)
        let table = try await self.loaded(request, job)
        let strings = request.strings
        let file = try ExportFile(format: .xlsx, encoding: .utf8, directory: ExportController.workDirectory(request))
        let finished = try await file.removingOnError {
            try file.begin(sheet: job.fileName, header: [strings("import.row"), strings("import.reason")] + table.header)
            for rejected in job.rejected {
                let index = rejected.row - table.firstRow
                let cells = table.rows.indices.contains(index) ? table.rows[index] : []
                try file.append([.number(String(rejected.row), format: .integer), .text(ImportLabels.reason(rejected.errors, entity: entity, strings: strings))] + cells)
            }
            return try file.finish()
        }
        return try await ExportController.download(request, finished, name: (job.fileName as NSString).deletingPathExtension + "-rejected.xlsx",
                                                   removing: file.directory)
    }
}
