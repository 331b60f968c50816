import Foundation
import SQLKit
import StrandCore

extension RecordService {
    /// A row that passed the checks it needs alone, waiting for those made for all rows at once.
    private struct Accepted {
        let index: Int
        var id: Int64 = 0
        let values: [String: FieldValue]
        let position: RecordPosition
        let ownerChosen: Bool
        var duplicates: [DuplicateMatch] = []
        var conflicts: [CalendarEntry] = []
    }

    /// Creates records inside a transaction the caller holds. Each row takes every step of the
    /// pipeline (permission, codecs, rules, scope, links, duplicates, hooks, search entry, audit),
    /// but the duplicate reads and the writes are made once for all the rows, so an import of a
    /// hundred thousand rows is a few statements per hundred rather than a dozen per row.
    /// A row a check refuses comes back as its error and the others go on; a failure of the
    /// database throws for all of them.
    func create(_ entity: EntityDefinition, inputs: [[String: InputValue]], context: WriteContext, acknowledgeWarnings: Bool = true,
                presets: [[String: FieldValue]] = [], in db: any SQLDatabase) async throws -> [Result<Created, RecordError>] {
        guard context.actor.can(.create, on: entity.key) else { throw RecordError.forbidden }
        let (entity, setup) = try await SalesSetupStore.resolve(entity, db: db)
        // The codecs are pure work, spread over the cores; the steps after them may read, in order.
        let parsed = await inputs.parallelMap { RecordInput.parse($0, entity: entity, context: context, creating: true) }
        return try await self.create(entity, setup: setup, parsed: parsed, context: context, acknowledgeWarnings: acknowledgeWarnings,
                                     presets: presets, db: db)
    }

    /// The steps after the codecs, for rows whose input has been through them (an import's preview did).
    /// `checkedForDuplicates`: the preview already left out the rows the duplicate check warns of,
    /// so only a check that blocks need ask again.
    func create(_ entity: EntityDefinition, parsed: [Result<RecordInput.Parsed, ValidationFailure>], context: WriteContext,
                checkedForDuplicates: Bool, in db: any SQLDatabase) async throws -> [Result<Created, RecordError>] {
        guard context.actor.can(.create, on: entity.key) else { throw RecordError.forbidden }
        let (entity, setup) = try await SalesSetupStore.resolve(entity, db: db)
        return try await self.create(entity, setup: setup, parsed: parsed, context: context, acknowledgeWarnings: true, presets: [],
                                     checkedForDuplicates: checkedForDuplicates, db: db)
    }

    private func create(_ entity: EntityDefinition, setup: SalesSetup, parsed: [Result<RecordInput.Parsed, ValidationFailure>],
                        context: WriteContext, acknowledgeWarnings: Bool, presets: [[String: FieldValue]],
                        checkedForDuplicates: Bool = false, db: any SQLDatabase) async throws -> [Result<Created, RecordError>] {
        var outcomes = [Result<Created, RecordError>?](repeating: nil, count: parsed.count)
        var accepted: [Accepted] = []
        var memo = StepMemo()
        for (index, parsed) in parsed.enumerated() {
            do {
                accepted.append(try await self.check(entity, parsed: try parsed.mapError(RecordError.invalid).get(),
                                                     preset: presets.indices.contains(index) ? presets[index] : [:],
                                                     index: index, setup: setup, context: context, memo: &memo, db: db))
            } catch let error as RecordError {
                outcomes[index] = .failure(error)
            }
        }
        for (offset, id) in try await RecordWriter.newIds(entity, count: accepted.count, dialect: self.database.dialect, db: db).enumerated() {
            accepted[offset].id = id
        }
        accepted = try await self.warn(entity, accepted, acknowledgeWarnings: acknowledgeWarnings, checkedForDuplicates: checkedForDuplicates,
                                       context: context, outcomes: &outcomes, db: db)
        let records = try await self.insert(entity, accepted, context: context, db: db)
        for (row, record) in zip(accepted, records) {
            outcomes[row.index] = .success(Created(record: record, duplicates: row.duplicates, conflicts: row.conflicts))
        }
        return outcomes.map { $0! }
    }

    /// The steps one row takes alone after its codecs: rules, its place, review, scope, links and keys.
    private func check(_ entity: EntityDefinition, parsed: RecordInput.Parsed, preset: [String: FieldValue], index: Int, setup: SalesSetup,
                       context: WriteContext, memo: inout StepMemo, db: any SQLDatabase) async throws -> Accepted {
        var parsed = parsed
        parsed.values.merge(preset) { $1 }
        var values = try Self.applyRules(entity, to: parsed.values, before: nil, setup: setup,
                                         prices: try await Pricing.prices(entity, values: parsed.values, db: db), timeZone: context.timeZone)
        try await self.prepareDocument(entity, values: &values, context: context, db: db)
        let position = try await self.position(entity, parsed: parsed, current: nil, context: context, memo: &memo, db: db)
        if let review = try await self.reviewOnCreate(entity, at: position, context: context, memo: &memo, db: db) { values["review"] = .text(review.rawValue) }
        guard context.actor.filter(.create, on: entity.key).allows(owner: position.owner, department: position.department) else {
            throw RecordError.forbidden
        }
        try await RecordLinks.check(entity, values: values, recordId: nil, catalog: self.catalog, actor: context.actor, db: db)
        try await UniqueKeys.check(entity, values: values, recordId: nil, db: db)
        return Accepted(index: index, values: values, position: position, ownerChosen: parsed.owner != nil)
    }

    /// Duplicates (in the database and among the rows before) and an owner's clashing events:
    /// warnings, unless duplicates are set to block or the caller wants to hear of them first.
    private func warn(_ entity: EntityDefinition, _ rows: [Accepted], acknowledgeWarnings: Bool, checkedForDuplicates: Bool,
                      context: WriteContext, outcomes: inout [Result<Created, RecordError>?], db: any SQLDatabase) async throws -> [Accepted] {
        var asked = false
        if checkedForDuplicates, acknowledgeWarnings, !entity.duplicateFields.isEmpty {
            asked = try await Settings.duplicateMode(db: db) != .block
        }
        let found = asked ? [[DuplicateMatch]](repeating: [], count: rows.count)
            : try await Duplicates.find(entity, rows: rows.map { ($0.id, $0.values, $0.position) }, actor: context.actor,
                                        dialect: self.database.dialect, db: db)
        let blocking = found.allSatisfy(\.isEmpty) ? false : try await Settings.duplicateMode(db: db) == .block
        let batch = Set(rows.map(\.id))
        var kept: [Accepted] = [], keptIds: Set<Int64> = []
        for (var row, matches) in zip(rows, found) {
            // A row refused here is no duplicate of the rows after it.
            let duplicates = matches.filter { !batch.contains($0.recordId) || keptIds.contains($0.recordId) }
            if !duplicates.isEmpty, blocking || !acknowledgeWarnings {
                outcomes[row.index] = .failure(.duplicates(duplicates))
                continue
            }
            row.conflicts = try await EventConflicts.find(entity, values: row.values, owner: row.position.owner, excluding: nil, actor: context.actor, db: db)
            if !row.conflicts.isEmpty, !acknowledgeWarnings {
                outcomes[row.index] = .failure(.busy(row.conflicts))
                continue
            }
            row.duplicates = duplicates
            kept.append(row)
            keptIds.insert(row.id)
        }
        return kept
    }

    /// The records written, then what follows a create: value periods, parents' stamps and
    /// totals, files, search entries, audit rows, reminders, and the territory's owner.
    private func insert(_ entity: EntityDefinition, _ rows: [Accepted], context: WriteContext, db: any SQLDatabase) async throws -> [Record] {
        guard !rows.isEmpty else { return [] }
        let records = RecordWriter.records(entity, rows: rows.map { ($0.id, $0.values, $0.position) }, actor: context.actor.userId)
        // The search words and the audit rows are pure work: one task works them out on the
        // other core while the database writes on its own.
        async let derived = (words: SearchIndex.words(entity, records), audit: Self.auditOfCreates(entity, records, context: context))
        try await RecordWriter.insert(entity, records, db: db)
        try await ValuePeriods.started(entity, records, actor: context.actor.userId, db: db)
        let (words, (entries, texts)) = await derived
        for (record, entry) in zip(records, entries) {
            try await ParentStamps.apply(entity, record, before: nil, catalog: self.catalog, db: db)
            try await Rollups.apply(entity, before: nil, after: record, catalog: self.catalog, db: db)
            try await FileStore.attach(entity, values: record.values, recordId: record.id, actor: context.actor, db: db)
            try await self.announce(.create, entity, record, changes: entry.changes, context: context, db: db)
        }
        try await SearchIndex.add(entity, words, dialect: self.database.dialect, db: db)
        try await AuditLog.append(entries, texts: texts, db: db)
        for record in records { try await self.clearSiblings(of: entity, record, context: context, db: db) }
        let unplaced = zip(rows, records).filter { !$0.0.ownerChosen }.map(\.1)
        let placed = Dictionary(uniqueKeysWithValues: try await self.assignNew(entity, unplaced, context: context, db: db).map { ($0.id, $0) })
        return records.map { placed[$0.id] ?? $0 }
    }

    /// The audit rows of new records, each field from nothing to its value, and their stored text.
    private static func auditOfCreates(_ entity: EntityDefinition, _ records: [Record], context: WriteContext) -> ([AuditEntry], [String]) {
        let audited = records.map { record -> (AuditEntry, String) in
            let changes = entity.fields.reduce(into: [String: AuditChange]()) { changes, field in
                if let text = field.auditText(record[field.key]) { changes[field.key] = AuditChange(from: nil, to: text) }
            }
            let entry = AuditEntry(at: record.createdAt, userId: context.actor.userId, ip: context.ip, action: .create,
                                   entity: entity.key, recordId: record.id, recordVersion: record.version, changes: changes)
            return (entry, AuditChange.text(changes))
        }
        return (audited.map(\.0), audited.map(\.1))
    }
}

/// Reads the steps of a batch make again and again (an owner, a department's review rule),
/// made once for the batch.
struct StepMemo {
    var users: [Int64: User?] = [:]
    var reviews: [Int64: Bool] = [:]
}
