import SQLKit
import StrandCore

/// A record that matches a new one on a duplicate-checked field. For a record outside the
/// actor's scope only its title and owner may be shown.
public struct DuplicateMatch: Sendable, Equatable {
    public let entity: String
    public let field: String
    public let recordId: Int64
    public let title: String
    public let ownerId: Int64?
    public let visible: Bool
}

enum Duplicates {
    /// For each row (the id it will have, its values, its place), the records sharing a
    /// duplicate-checked value with it: kept ones, at most five a value, and the batch's rows
    /// before it. Looks beyond the actor's scope on purpose: a customer owned by a colleague is
    /// exactly the duplicate a salesperson must hear about.
    static func find(_ entity: EntityDefinition, rows: [(id: Int64, values: [String: FieldValue], position: RecordPosition)], actor: Actor,
                     dialect: Dialect, db: any SQLDatabase) async throws -> [[DuplicateMatch]] {
        var matches = [[DuplicateMatch]](repeating: [], count: rows.count)
        let view = actor.filter(.view, on: entity.key)
        for field in entity.duplicateFields {
            let wanted = rows.map { row in
                row.values[field.key].flatMap { $0.isEmpty ? nil : $0.textValue }.flatMap { self.key($0, under: field, in: row.values) }
            }
            // For each row, the row before it with its value: a batch seldom repeats itself, so
            // this costs one lookup a row, and a match is only made where there is one.
            var last: [Key: Int] = [:], previous = [Int?](repeating: nil, count: rows.count)
            for (index, value) in wanted.enumerated() { if let value { previous[index] = last.updateValue(index, forKey: value) } }
            let kept = try await self.stored(entity, field, values: Array(Set(last.keys.map(\.value))), view: view, dialect: dialect, db: db)
            for index in rows.indices {
                guard let value = wanted[index], previous[index] != nil || (!kept.isEmpty && kept[value] != nil) else { continue }
                var earlier: [Int] = [], cursor = previous[index]
                while let row = cursor { earlier.append(row); cursor = previous[row] }
                let batch = earlier.reversed().map { row in
                    DuplicateMatch(entity: entity.key, field: field.key, recordId: rows[row].id, title: rows[row].values[entity.titleField]?.textValue ?? "",
                                   ownerId: rows[row].position.owner, visible: view.allows(owner: rows[row].position.owner, department: rows[row].position.department))
                }
                for match in (kept[value] ?? []) + batch where !matches[index].contains(where: { $0.recordId == match.recordId }) {
                    matches[index].append(match)
                }
            }
        }
        return matches
    }

    /// A value as the check compares it: with its parent, for a field checked under one parent.
    struct Key: Hashable {
        let value: String
        let parent: Int64?
    }

    /// Nil for a field checked under a parent the row has none of.
    private static func key(_ value: String, under field: FieldDefinition, in values: [String: FieldValue]) -> Key? {
        guard let link = field.duplicateWithin else { return Key(value: value, parent: nil) }
        return values[link]?.integerValue.map { Key(value: value, parent: $0) }
    }

    /// Kept records holding one of `values` in `field`: the oldest five of each value.
    private static func stored(_ entity: EntityDefinition, _ field: FieldDefinition, values: [String], view: ScopeFilter, dialect: Dialect,
                               db: any SQLDatabase) async throws -> [Key: [DuplicateMatch]] {
        var kept: [Key: [DuplicateMatch]] = [:]
        let parent = SQLQueryString(field.duplicateWithin.map { ", \(quoted($0)) AS parent" } ?? "")
        for batch in values.chunked(by: EntitySchema.valuesPerLookup) {
            for row in try await db.raw("""
                SELECT id, owner_id, department_id, \(ident: entity.titleField) AS title, \(ident: field.key) AS value\(parent)
                FROM \(EntitySchema.withValues(entity, field, batch, dialect: dialect))
                """).all() {
                let value = try row.decode(column: "value", as: String.self)
                let (owner, department) = (try row.integer("owner_id"), try row.integer("department_id"))
                let key = Key(value: value, parent: field.duplicateWithin == nil ? nil : try row.integer("parent"))
                kept[key, default: []].append(DuplicateMatch(entity: entity.key, field: field.key, recordId: try row.decode(column: "id", as: Int64.self),
                                                               title: try row.decode(column: "title", as: String.self), ownerId: owner,
                                                               visible: view.allows(owner: owner, department: department)))
            }
        }
        // Sorted here, as ORDER BY id would have SQLite walk the table rather than the field's index.
        return kept.mapValues { Array($0.sorted { $0.recordId < $1.recordId }.prefix(5)) }
    }
}
