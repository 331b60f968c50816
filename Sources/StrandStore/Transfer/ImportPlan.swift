import Foundation
import SQLKit
import StrandCore
import StrandOffice

/// What an import does with the file: which column fills which field (`owner_id` for the owner,
/// by user name or name), what a row matching an existing record on `matchField` does, and a
/// tag for every record (a trade show's name), and whether new records go to the public pool.
public struct ImportSettings: Sendable, Codable, Equatable {
    public enum Duplicates: String, Sendable, Codable, CaseIterable {
        case skip, update, create
    }

    /// Column number (from 0) to field key.
    public var mapping: [Int: String] = [:]
    public var duplicates = Duplicates.skip
    public var matchField: String?
    public var tag: String?
    /// New records go straight to the importer's public pool (trade-show cards for anyone to claim).
    public var intoPool = false

    public init(mapping: [Int: String] = [:], duplicates: Duplicates = .skip, matchField: String? = nil, tag: String? = nil, intoPool: Bool = false) {
        (self.mapping, self.duplicates, self.matchField, self.tag, self.intoPool) = (mapping, duplicates, matchField, tag, intoPool)
    }
}

/// What an import will do with one row, found before anything is written.
public struct RowVerdict: Sendable {
    public enum Kind: String, Sendable, Codable {
        case new, update, duplicate, error, empty
    }

    /// The row's number in the spreadsheet.
    public let row: Int
    public let kind: Kind
    /// The record an update changes, or that a skipped duplicate matches.
    public let recordId: Int64?
    /// Reasons by field (`owner_id` included); `row` for the row as a whole.
    public let errors: [String: FieldError]
    /// A skipped duplicate of an earlier row of the file.
    public let sameAsRow: Int?
    let input: [String: InputValue]
    /// A new row's values through the fields' codecs, the pipeline's first step, already taken.
    let parsed: RecordInput.Parsed?
}

/// Every row's verdict, and what they were worked out from besides the file: while all of it
/// is the same, so are the verdicts, and a run or the next page of a preview need not work
/// them out again.
public struct ImportPreview: Sendable {
    public let verdicts: [RowVerdict]
    let settings: ImportSettings
    let actor: Actor
    let timeZone: TimeZone
    let setup: SalesSetup
    let names: ImportNames
    /// The rows' values of the match field, and the records holding them.
    let keys: [String]
    let existing: [String: Int64]
}

extension StoreDatabase {
    /// Every row's verdict, reading but never writing: values through the fields' codecs, links
    /// and people by name, duplicates by `matchField` in the database and earlier in the file.
    /// `earlier`, a preview of the same file, is the answer again when nothing it was worked
    /// out from has changed.
    public func previewImport(_ entity: EntityDefinition, table: ImportTable, settings: ImportSettings, names base: ImportNames,
                              catalog: EntityCatalog, context: WriteContext, earlier: ImportPreview? = nil) async throws -> ImportPreview {
        try await self.read { db in
            let (entity, setup) = try await SalesSetupStore.resolve(entity, db: db)
            let columns = settings.mapping.sorted { $0.key < $1.key }.compactMap { index, key in entity.field(key).map { (index, $0) } }
            let names = try await ImportNames.load(columns, rows: table.rows, owners: settings.mapping.values.contains(RecordInput.ownerKey), base: base,
                                                   catalog: catalog, actor: context.actor, dialect: self.dialect, db: db)
            let match = settings.matchField.flatMap(entity.field)
            let scope = context.actor.filter(.view, on: entity.key)
            if let earlier, earlier.settings == settings, earlier.actor == context.actor, earlier.timeZone == context.timeZone,
               earlier.setup == setup, earlier.names == names,
               try await Self.existing(entity, field: match, values: earlier.keys, scope: scope, dialect: self.dialect, db: db) == earlier.existing {
                return earlier
            }
            // Each row on its own is pure work, spread over the cores; only "the same as an earlier row" goes in order.
            let inputs = await table.rows.parallelMap { cells in
                let row = ImportRow(cells: cells, settings: settings, entity: entity, columns: columns, names: names)
                return (row, row.key(match))
            }
            let keys = inputs.compactMap(\.1)
            let existing = try await Self.existing(entity, field: match, values: keys, scope: scope, dialect: self.dialect, db: db)
            var seen: [String: Int] = [:], sameAs: [Int?] = []
            for (offset, (_, key)) in inputs.enumerated() {
                sameAs.append(key.flatMap { seen[$0] })
                if let key, seen[key] == nil { seen[key] = table.firstRow + offset }
            }
            let numbered = Array(zip(inputs, sameAs).enumerated())
            let verdicts = await numbered.parallelMap { offset, pair in
                let ((row, key), earlier) = pair
                return row.verdict(table.firstRow + offset, entity: entity, context: context, settings: settings,
                                   existing: key.flatMap { existing[$0] }, earlier: earlier)
            }
            let checked = try await Self.formDuplicates(entity, verdicts, settings: settings, actor: context.actor, dialect: self.dialect, db: db)
            return ImportPreview(verdicts: checked, settings: settings, actor: context.actor, timeZone: context.timeZone, setup: setup,
                                 names: names, keys: keys, existing: existing)
        }
    }

    /// New rows the form's duplicate check would warn of are skipped as duplicates: the same
    /// check, over every record (a customer waiting in the pool, one a colleague owns) and the
    /// file's rows before, unless the importer chose to create duplicates.
    static func formDuplicates(_ entity: EntityDefinition, _ verdicts: [RowVerdict], settings: ImportSettings, actor: Actor,
                               dialect: Dialect, db: any SQLDatabase) async throws -> [RowVerdict] {
        guard settings.duplicates != .create, !entity.duplicateFields.isEmpty else { return verdicts }
        let fresh = verdicts.indices.filter { verdicts[$0].kind == .new && verdicts[$0].parsed != nil }
        guard !fresh.isEmpty else { return verdicts }
        // A row stands in for the record it would make by minus its row number.
        let position = RecordPosition(owner: actor.userId, department: actor.departmentId)
        let found = try await Duplicates.find(entity, rows: fresh.map { (-Int64(verdicts[$0].row), verdicts[$0].parsed!.values, position) },
                                              actor: actor, dialect: dialect, db: db)
        var checked = verdicts
        for (index, matches) in zip(fresh, found) {
            guard let match = matches.first else { continue }
            let row = verdicts[index], earlier = match.recordId < 0 ? Int(-match.recordId) : nil
            checked[index] = RowVerdict(row: row.row, kind: .duplicate, recordId: earlier == nil && match.visible ? match.recordId : nil,
                                        errors: [:], sameAsRow: earlier, input: row.input, parsed: nil)
        }
        return checked
    }

    /// Live records whose `field` holds one of `values`, by value.
    /// Within what the importer may see: a match they may not see is not shown to them.
    static func existing(_ entity: EntityDefinition, field: FieldDefinition?, values: [String], scope: ScopeFilter,
                         dialect: Dialect, db: any SQLDatabase) async throws -> [String: Int64] {
        guard let field, !values.isEmpty else { return [:] }
        var found: [String: Int64] = [:]
        for batch in Array(Set(values)).chunked(by: EntitySchema.valuesPerLookup) {
            for row in try await db.raw("""
                SELECT id, \(ident: field.key) AS value FROM \(EntitySchema.withValues(entity, field, batch, dialect: dialect)) AND (\(scope.condition))
                """).all() {
                // The oldest record of a value; no ORDER BY, which would have SQLite walk the table by id rather than the field's index.
                let (value, id) = (try row.decode(column: "value", as: String.self), try row.decode(column: "id", as: Int64.self))
                found[value] = min(found[value] ?? id, id)
            }
        }
        return found
    }
}

/// One row of the file as input for the write pipeline.
struct ImportRow {
    let input: [String: InputValue]
    let errors: [String: FieldError]
    let isEmpty: Bool

    init(cells: [SheetCell], settings: ImportSettings, entity: EntityDefinition, columns: [(Int, FieldDefinition)], names: ImportNames) {
        var input: [String: InputValue] = [:], errors: [String: FieldError] = [:]
        let cell = { (index: Int) in cells.indices.contains(index) ? cells[index] : .empty }
        self.isEmpty = !cells.contains { $0 != .empty }
        for (index, field) in columns {
            switch field.importInput(cell(index), names: names) {
            case .success(let value): input[field.key] = value
            case .failure(let error): errors[field.key] = error
            }
        }
        if let ownerColumn = settings.mapping.first(where: { $0.value == RecordInput.ownerKey })?.key, cell(ownerColumn) != .empty {
            switch names.person(cell(ownerColumn).shown.trimmed) {
            case .success(let id): input[RecordInput.ownerKey] = .number(String(id))
            case .failure(let error): errors[RecordInput.ownerKey] = error
            }
        }
        if let tag = settings.tag, !tag.isEmpty, let tags = entity.field("tags"), tags.type == .choices {
            var list: [String] = []
            if case .list(let items) = input[tags.key] { list = items }
            if !list.contains(tag) { input[tags.key] = .list(list + [tag]) }
        }
        (self.input, self.errors) = (input, errors)
    }

    /// The value duplicates are matched on, as stored.
    func key(_ field: FieldDefinition?) -> String? {
        guard let field, let value = self.input[field.key], case .success(let stored) = field.parse(value, timeZone: .gmt),
              let text = stored.textValue, !text.isEmpty else { return nil }
        return text
    }

    func verdict(_ number: Int, entity: EntityDefinition, context: WriteContext, settings: ImportSettings, existing: Int64?,
                 earlier: Int?) -> RowVerdict {
        let updating = settings.duplicates == .update && existing != nil
        // An update changes what the file says; an empty cell leaves the record's value alone.
        let input = updating ? self.input.filter { $0.value != .null } : self.input
        let parsed = RecordInput.parse(input, entity: entity, context: context, creating: !updating)
        let make = { (kind: RowVerdict.Kind, id: Int64?, errors: [String: FieldError], same: Int?) in
            RowVerdict(row: number, kind: kind, recordId: id, errors: errors, sameAsRow: same, input: input,
                       parsed: kind == .new ? try? parsed.get() : nil)
        }
        if self.isEmpty { return make(.empty, nil, [:], nil) }
        var errors = self.errors
        if case .failure(let failure) = parsed { errors.merge(failure.fields) { first, _ in first } }
        if !errors.isEmpty { return make(.error, existing, errors, nil) }
        if settings.duplicates != .create, let earlier { return make(.duplicate, existing, [:], earlier) }
        guard let existing, settings.duplicates != .create else { return make(.new, nil, [:], nil) }
        return updating ? make(.update, existing, [:], nil) : make(.duplicate, existing, [:], nil)
    }
}
