import SQLKit
import StrandCore

/// The columns Strand keeps beside names so that lists sort them in pinyin order on both
/// databases alike, read by one index; a database's own collation differs between the two.
enum SortKeys {
    static func fields(_ entity: EntityDefinition) -> [FieldDefinition] {
        entity.fields.filter(\.sortsByPinyin)
    }

    static func column(_ field: FieldDefinition) -> String { field.key + "__pinyin" }

    /// The column a list orders by for `column`: the kept key of a name, else the column itself.
    static func orderColumn(_ column: String, entity: EntityDefinition) -> String {
        entity.field(column).map { $0.sortsByPinyin ? self.column($0) : column } ?? column
    }

    /// The kept keys' columns and their values for a record's values, for inserts and updates.
    static func values(_ entity: EntityDefinition, _ values: [String: FieldValue]) -> [(column: String, value: FieldValue)] {
        self.fields(entity).map { (self.column($0), .text(self.key(values[$0.key]?.textValue ?? ""))) }
    }

    /// A name of signs alone still gets a key, so that `fill` tells it from one not yet given any.
    static func key(_ name: String) -> String {
        let key = Pinyin.sortKey(name)
        return key.isEmpty && !name.isEmpty ? " " : key
    }
}

extension SortKeys {
    static let fillBatch = 2000

    /// Gives the records stored before a name sorted by pinyin their keys, a batch to a
    /// statement, at start-up. Found through the key's own index, which puts the empty first,
    /// so a database already filled costs one look per name.
    static func fill(_ catalog: EntityCatalog, dialect: Dialect, db: any SQLDatabase) async throws {
        for entity in catalog.entities {
            for field in self.fields(entity) {
                while true {
                    let rows = try await db.raw("""
                        SELECT id, \(ident: field.key) AS name FROM \(ident: entity.table)
                        WHERE \(ident: self.column(field)) = '' AND \(ident: field.key) <> '' AND deleted_at IS NULL
                        LIMIT \(bind: self.fillBatch)
                        """).all()
                    let keys = try rows.map { row -> JSON in
                        let key = self.key(try row.decode(column: "name", as: String.self))
                        return .array([.number(String(try row.decode(column: "id", as: Int64.self))), .string(key)])
                    }
                    guard !keys.isEmpty else { break }
                    try await db.raw(self.update(entity, field, keys: JSON.array(keys).serialized, dialect: dialect)).run()
                }
            }
        }
    }

    static func update(_ entity: EntityDefinition, _ field: FieldDefinition, keys: String, dialect: Dialect) -> SQLQueryString {
        let pairs = switch dialect {
        case .sqlite: SQLQueryString("SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS k FROM json_each(\(bind: keys))")
        case .postgres: SQLQueryString("SELECT (e->>0)::bigint AS id, e->>1 AS k FROM jsonb_array_elements(\(bind: keys)::jsonb) AS e")
        }
        return SQLQueryString("""
            UPDATE \(ident: entity.table) SET \(ident: self.column(field)) = pairs.k FROM (\(pairs)) AS pairs
            WHERE \(ident: entity.table).id = pairs.id
            """)
    }
}
