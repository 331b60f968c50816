import Foundation
import SQLKit
import StrandCore

extension RecordService {
    /// Writes an import's rows through the write pipeline in one transaction, so that a
    /// server stopped half way leaves none of it. New records are created a chunk at a time
    /// (the pipeline's batch create); a row the pipeline refuses now (a record changed since
    /// the preview, say) is left out and listed with its reason among the rejected rows; each
    /// record made or changed is kept, with the values an update replaced, for `revertImport`.
    public func runImport(_ job: ImportJob, entity: EntityDefinition, verdicts: [RowVerdict], context: WriteContext,
                          progress: @escaping @Sendable (Int) -> Void) async throws -> ImportJob {
        try await self.database.write { db in
            try await self.writeImport(job, entity: entity, verdicts: verdicts, context: context, progress: progress, db: db)
        }
    }

    private func writeImport(_ job: ImportJob, entity: EntityDefinition, verdicts: [RowVerdict], context: WriteContext,
                             progress: @escaping @Sendable (Int) -> Void, db: any SQLDatabase) async throws -> ImportJob {
        var job = job
        (job.total, job.created, job.updated, job.skipped, job.rejected) = (verdicts.filter { $0.kind != .empty }.count, 0, 0, 0, [])
        var done = 0
        for chunk in verdicts.chunked(by: Self.importChunk) {
            // A savepoint per chunk; a chunk the pipeline fails part way is done again a row at a time.
            let kept = job
            try await db.raw("SAVEPOINT import_chunk").run()
            do {
                try await self.importChunk(chunk, job: &job, entity: entity, context: context, db: db)
                try await db.raw("RELEASE SAVEPOINT import_chunk").run()
            } catch let error where error is RowRefusal || error is RecordError || error is PoolError {
                try await db.raw("ROLLBACK TO SAVEPOINT import_chunk").run()
                try await db.raw("RELEASE SAVEPOINT import_chunk").run()
                job = kept
                for verdict in chunk { try await self.importAlone(verdict, job: &job, entity: entity, context: context, db: db) }
            }
            done += chunk.count
            progress(done)
        }
        job.rejected.sort { $0.row < $1.row }
        (job.status, job.finishedAt) = (.done, Clock.millis())
        try await Imports.save(job, db: db)
        return job
    }

    static let importChunk = 500

    /// The pipeline refused a row after writing some of it; the writes must go with it.
    private struct RowRefusal: Error {
        let errors: [String: FieldError]
    }

    /// A chunk's updates one by one, and its new records in one batch create.
    private func importChunk(_ chunk: [RowVerdict], job: inout ImportJob, entity: EntityDefinition, context: WriteContext, db: any SQLDatabase) async throws {
        var new: [RowVerdict] = []
        for verdict in chunk {
            if verdict.kind == .new { new.append(verdict) } else { try await self.importVerdict(verdict, job: &job, entity: entity, context: context, db: db) }
        }
        var items: [ImportItem] = []
        // A new row's verdict holds its parsed values; without them it could not have been new.
        let parsed = new.map { verdict -> Result<RecordInput.Parsed, ValidationFailure> in
            verdict.parsed.map { .success($0) } ?? .failure(ValidationFailure(["row": .invalid]))
        }
        let outcomes = try await self.create(entity, parsed: parsed, context: context, checkedForDuplicates: job.settings.duplicates != .create, in: db)
        var made: [Record] = []
        for (verdict, outcome) in zip(new, outcomes) {
            switch outcome {
            case .success(let created):
                made.append(created.record)
                items.append(ImportItem(row: verdict.row, recordId: created.record.id, action: "created", before: "", version: created.record.version))
            case .failure(let error):
                job.rejected.append(ImportJob.Rejected(row: verdict.row, errors: Self.reasons(error)))
            }
        }
        let versions = try await self.pooled(made, of: job, entity: entity, context: context, db: db)
        for index in items.indices { items[index].version = versions[items[index].recordId] ?? items[index].version }
        try await ImportItem.add(items, to: job.id, db: db)
        job.created += made.count
    }

    /// New customers sent to the public pool when the import says so; their versions after.
    private func pooled(_ records: [Record], of job: ImportJob, entity: EntityDefinition, context: WriteContext,
                        db: any SQLDatabase) async throws -> [Int64: Int64] {
        let owned = records.filter { $0.ownerId != nil }
        guard job.settings.intoPool && entity.pooled, !owned.isEmpty else { return [:] }
        try await PoolService(records: self).giveBack(owned, reason: "import", context: context, now: Clock.millis(), db: db)
        let now = try await RecordStore.find(entity, ids: owned.map(\.id), scope: ScopeFilter(.everything), db: db)
        return Dictionary(uniqueKeysWithValues: now.map { ($0.id, $0.version) })
    }

    private func importVerdict(_ verdict: RowVerdict, job: inout ImportJob, entity: EntityDefinition, context: WriteContext, db: any SQLDatabase) async throws {
        switch verdict.kind {
        case .empty: break
        case .duplicate: job.skipped += 1
        case .error: job.rejected.append(ImportJob.Rejected(row: verdict.row, errors: verdict.errors))
        case .new, .update:
            do {
                try await self.importRow(verdict, of: job, entity: entity, context: context, db: db)
            } catch let error as RecordError {
                throw RowRefusal(errors: Self.reasons(error))
            } catch let error as PoolError {
                throw RowRefusal(errors: ["row": FieldError(error == .refused("pool.none") ? "no_pool" : "pool_refused")])
            }
            if verdict.kind == .new { job.created += 1 } else { job.updated += 1 }
        }
    }

    /// A row in a savepoint of its own, so that a refusal takes back only that row.
    private func importAlone(_ verdict: RowVerdict, job: inout ImportJob, entity: EntityDefinition, context: WriteContext,
                             db: any SQLDatabase) async throws {
        try await db.raw("SAVEPOINT import_row").run()
        do {
            try await self.importVerdict(verdict, job: &job, entity: entity, context: context, db: db)
            try await db.raw("RELEASE SAVEPOINT import_row").run()
        } catch let refusal as RowRefusal {
            try await db.raw("ROLLBACK TO SAVEPOINT import_row").run()
            try await db.raw("RELEASE SAVEPOINT import_row").run()
            job.rejected.append(ImportJob.Rejected(row: verdict.row, errors: refusal.errors))
        }
    }

    private func importRow(_ verdict: RowVerdict, of job: ImportJob, entity: EntityDefinition, context: WriteContext, db: any SQLDatabase) async throws {
        let item: ImportItem
        if verdict.kind == .new {
            let record = try await self.create(entity, input: verdict.input, context: context, in: db).record
            let versions = try await self.pooled([record], of: job, entity: entity, context: context, db: db)
            item = ImportItem(row: verdict.row, recordId: record.id, action: "created", before: "", version: versions[record.id] ?? record.version)
        } else {
            guard let target = verdict.recordId,
                  let current = try await RecordStore.find(entity, id: target, scope: context.actor.filter(.edit, on: entity.key), db: db) else {
                throw RecordError.notFound
            }
            var input = verdict.input
            // The import's tag joins the tags a record has, rather than replace them.
            if job.settings.tag != nil, case .list(let adding)? = input["tags"], case .list(let kept) = current["tags"] {
                input["tags"] = .list(kept + adding.filter { !kept.contains($0) })
            }
            let record = try await self.update(entity, id: target, input: input, expectedVersion: nil, context: context, in: db)
            var replaced = current.values.filter { input[$0.key] != nil }
            if record.ownerId != current.ownerId, let owner = current.ownerId { replaced[RecordInput.ownerKey] = .integer(owner) }
            item = ImportItem(row: verdict.row, recordId: target, action: "updated", before: ImportCodec.values(replaced), version: record.version)
        }
        try await ImportItem.add([item], to: job.id, db: db)
    }

    /// Why the pipeline refused a row, by field.
    static func reasons(_ error: RecordError) -> [String: FieldError] {
        switch error {
        case .invalid(let failure): failure.fields
        case .notFound: ["row": FieldError("not_found")]
        case .forbidden: ["row": FieldError("forbidden")]
        case .conflict: ["row": FieldError("changed_meanwhile")]
        case .duplicates(let matches): ["row": FieldError("duplicate_blocked", ["count": String(matches.count)])]
        case .busy: ["row": FieldError("busy")]
        }
    }

    /// Undoes a finished import in one transaction: what it created is deleted, what it updated
    /// gets back the values it replaced, as long as none of them has changed since; otherwise
    /// nothing is undone and the changed rows are named.
    public func revertImport(_ id: Int64, context: WriteContext) async throws {
        try await self.database.write { db in
            guard var job = try await Imports.find(id: id, db: db), job.status == .done, job.userId == context.actor.userId || context.actor.isAdmin,
                  let entity = self.catalog.entity(job.entity) else { throw RecordError.notFound }
            let items = try await db.raw("""
                SELECT row_number, record_id, action, before, version FROM import_items WHERE import_id = \(bind: id) ORDER BY row_number DESC
                """).all()
            var changed: [String] = [], made: [Int64: Record] = [:]
            for item in items {
                let recordId = try item.decode(column: "record_id", as: Int64.self)
                let current = try await RecordStore.find(entity, id: recordId, scope: ScopeFilter(.everything), lockingOn: self.database.dialect, db: db)
                if current?.version != (try item.decode(column: "version", as: Int64.self)) { changed.append(String(try item.decode(column: "row_number", as: Int64.self))) }
                made[recordId] = current
            }
            guard changed.isEmpty else { throw RecordError.invalid(ValidationFailure(["row": FieldError("changed_since_import", ["rows": changed.joined(separator: ", ")])])) }
            for item in items {
                let recordId = try item.decode(column: "record_id", as: Int64.self)
                if try item.decode(column: "action", as: String.self) == "created", let record = made[recordId] {
                    // The import's own record, untouched since: whoever ran it takes it back, whether
                    // or not they may delete, and wherever it went (the public pool).
                    try await self.delete(entity, verified: record, context: context, in: db)
                } else {
                    let before = ImportCodec.values(try item.decode(column: "before", as: String.self))
                    let input = before.reduce(into: [String: InputValue]()) { input, pair in
                        if let field = entity.field(pair.key) { input[pair.key] = field.input(from: pair.value) }
                        if pair.key == RecordInput.ownerKey, case .integer(let owner) = pair.value { input[pair.key] = .string(String(owner)) }
                    }
                    _ = try await self.update(entity, id: recordId, input: input, expectedVersion: nil, context: context, in: db)
                }
            }
            job.status = .reverted
            try await Imports.save(job, db: db)
            try await db.raw("UPDATE imports SET reverted_at = \(bind: Clock.millis()) WHERE id = \(bind: id)").run()
        }
    }
}
