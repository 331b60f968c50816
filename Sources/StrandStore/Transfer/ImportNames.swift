import Foundation
import SQLKit
import StrandCore
import StrandOffice

/// The names an import reads links, people and choices by, looked up once for the whole file:
/// a record by its title or a code (a customer by name or credit code), a person by user name
/// or name, a choice by its key or its label in any language.
public struct ImportNames: Sendable, Equatable {
    /// Entity, then a name or code, then the live records that have it.
    var records: [String: [String: [Int64]]] = [:]
    var people: [String: [Int64]] = [:]
    /// Field, then a label (lower-cased), then the option it names; given by the web layer,
    /// which knows the labels.
    public var choiceLabels: [String: [String: String]] = [:]

    public init(choiceLabels: [String: [String: String]] = [:]) {
        self.choiceLabels = choiceLabels
    }

    func record(_ name: String, in entity: String) -> Result<Int64, FieldError> {
        let ids = self.records[entity]?[name] ?? []
        if ids.count == 1 { return .success(ids[0]) }
        return .failure(FieldError(ids.isEmpty ? "no_match" : "ambiguous_match", ["value": name]))
    }

    func person(_ name: String) -> Result<Int64, FieldError> {
        let ids = self.people[name] ?? self.people[name.lowercased()] ?? []
        if ids.count == 1 { return .success(ids[0]) }
        return .failure(FieldError(ids.isEmpty ? "no_match" : "ambiguous_match", ["value": name]))
    }

    func option(_ text: String, of field: FieldDefinition) -> String {
        if field.options.contains(text) { return text }
        return self.choiceLabels[field.key]?[text.lowercased()] ?? text
    }

    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "y", "是", "√", "✓", "对": true
        case "0", "false", "no", "n", "否", "×", "✗", "不是": false
        default: nil
        }
    }

    /// Year-first days written with slashes, dots or 年月日 as yyyy-M-d; anything else as it is.
    static func dayText(_ text: String) -> String {
        guard let first = text.first, first.isNumber else { return text }
        var out = ""
        for character in text {
            switch character {
            case "/", ".", "年", "月": out.append("-")
            case "日", "号": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// Several values in one cell: separated by 、 , ， ; ； or line breaks.
    static func items(_ text: String) -> [String] {
        text.split(whereSeparator: { "、,，;；\n".contains($0) }).map(\.trimmed).filter { !$0.isEmpty }
    }

    /// Reads the records and people the mapped columns name, a few hundred names per query.
    /// `owners` when a column names the records' owners. Records only within what `actor` may
    /// see, so that "no match" and "more than one" tell nothing about the others.
    static func load(_ columns: [(index: Int, field: FieldDefinition)], rows: [[SheetCell]], owners: Bool, base: ImportNames,
                     catalog: EntityCatalog, actor: Actor, dialect: Dialect, db: any SQLDatabase) async throws -> ImportNames {
        var names = base
        if owners { names.people = try await self.people(db: db) }
        let texts = { (index: Int) in Set(rows.compactMap { $0.indices.contains(index) ? $0[index].shown.trimmed : nil }) }
        for (index, field) in columns {
            switch field.type {
            case .link:
                guard let key = field.linkTo, let target = catalog.entity(key) else { continue }
                let wanted = texts(index).filter { !$0.isEmpty }
                for (name, ids) in try await self.records(named: wanted, in: target, scope: actor.filter(.view, on: target.key), dialect: dialect, db: db) { names.records[target.key, default: [:]][name, default: []] += ids }
            case .people:
                if names.people.isEmpty { names.people = try await self.people(db: db) }
            default: continue
            }
        }
        return names
    }

    /// Live records whose title or code is one of `wanted`.
    static func records(named wanted: Set<String>, in entity: EntityDefinition, scope: ScopeFilter, dialect: Dialect,
                        db: any SQLDatabase) async throws -> [String: [Int64]] {
        var found: [String: [Int64]] = [:]
        let fields = ([entity.titleField] + entity.fields.filter { $0.search == .code }.map(\.key)).compactMap(entity.field)
        for batch in Array(wanted).chunked(by: EntitySchema.valuesPerLookup) {
            for field in fields {
                for row in try await db.raw("""
                    SELECT id, \(ident: field.key) AS name FROM \(EntitySchema.withValues(entity, field, batch, dialect: dialect)) AND (\(scope.condition))
                    """).all() {
                    let name = try row.decode(column: "name", as: String.self)
                    let id = try row.decode(column: "id", as: Int64.self)
                    if !(found[name]?.contains(id) ?? false) { found[name, default: []].append(id) }
                }
            }
        }
        return found
    }

    /// Every person by user name (also lower-cased) and by name.
    static func people(db: any SQLDatabase) async throws -> [String: [Int64]] {
        var people: [String: [Int64]] = [:]
        for user in try await Directory.users(db: db) where user.active {
            for name in Set([user.username, user.username.lowercased(), user.name]) { people[name, default: []].append(user.id) }
        }
        return people
    }
}
