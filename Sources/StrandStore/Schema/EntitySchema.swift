import SQLKit
import StrandCore

/// Plans the table of an entity from its definition: what to create, and for a table that
/// exists, which columns and indexes to add. It never drops or alters what is there, so custom
/// fields can be added while Strand runs and no data is ever lost by a schema change.
public enum EntitySchema {
    public static func plan(_ entity: EntityDefinition, existingColumns: Set<String>?, dialect: Dialect) -> [String] {
        var statements: [String] = []
        if existingColumns == nil { statements.append(self.createTable(entity, dialect: dialect)) }
        let present = existingColumns ?? Set(SystemColumn.allCases.map(\.rawValue))
        for field in entity.fields where !present.contains(field.key) {
            statements.append("ALTER TABLE \(quoted(entity.table)) ADD COLUMN \(self.columnDefinition(field))")
        }
        for field in SortKeys.fields(entity) where !present.contains(SortKeys.column(field)) {
            statements.append("ALTER TABLE \(quoted(entity.table)) ADD COLUMN \(quoted(SortKeys.column(field))) TEXT NOT NULL DEFAULT ''")
        }
        for (column, type) in self.poolColumns(entity) where !present.contains(column) {
            statements.append("ALTER TABLE \(quoted(entity.table)) ADD COLUMN \(column) \(type)")
        }
        return statements + self.indexes(entity).map {
            "CREATE \($0.unique ? "UNIQUE " : "")INDEX IF NOT EXISTS \(quoted($0.name)) ON \(quoted(entity.table)) (\($0.columns)) \($0.condition)"
        }
    }

    static func createTable(_ entity: EntityDefinition, dialect: Dialect) -> String {
        """
        CREATE TABLE \(quoted(entity.table)) (id \(dialect.idColumn), version BIGINT NOT NULL DEFAULT 1,
          owner_id BIGINT, department_id BIGINT, created_by BIGINT, updated_by BIGINT,
          created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, deleted_at BIGINT)
        """
    }

    /// Text-like columns are NOT NULL with '' for empty, so they sort and page by key alike on
    /// both databases; integer-like columns are NULL when empty.
    static func columnDefinition(_ field: FieldDefinition) -> String {
        switch field.type.storage {
        case .text: "\(quoted(field.key)) TEXT NOT NULL DEFAULT ''"
        case .integer: field.type == .bool ? "\(quoted(field.key)) BIGINT NOT NULL DEFAULT 0" : "\(quoted(field.key)) BIGINT"
        }
    }

    /// A pooled entity's own columns: the pool an unowned record waits in, since when its
    /// owner has it, and when the owner was last reminded that it will go back.
    static func poolColumns(_ entity: EntityDefinition) -> [(String, String)] {
        entity.pooled ? [("pool_id", "BIGINT"), ("owned_since", "BIGINT"), ("pool_reminded_at", "BIGINT")] : []
    }

    struct Index {
        let name: String
        let columns: String
        let condition: String
        var unique = false
    }

    /// The index that finds live records by `field`'s value, if it has one.
    static func valueIndex(_ entity: EntityDefinition, _ field: FieldDefinition) -> String? {
        if field.sortable && !field.sortsByPinyin { return "ix_\(entity.table)_\(field.key)_recent" }
        return field.type == .link || self.hasPlainIndex(field) ? "ix_\(entity.table)_\(field.key)" : nil
    }

    /// A name sorted by pinyin is looked up by value too (an import names a record by it).
    static func hasPlainIndex(_ field: FieldDefinition) -> Bool {
        field.type != .link && (field.sortsByPinyin || (field.duplicateCheck && !field.sortable))
    }

    /// How many values one `withValues` lookup takes: a bounded statement, and few of them for an import.
    static let valuesPerLookup = 10_000

    /// Live records whose `field` is one of `values`, for lookups of many values at once
    /// (duplicates, an import's names). On SQLite through the field's index whatever the
    /// statistics say: most records share the empty value (no e-mail), so SQLite's averages make
    /// every value look common and it would read the whole table instead.
    static func withValues(_ entity: EntityDefinition, _ field: FieldDefinition, _ values: [String], dialect: Dialect) -> SQLQueryString {
        let index = dialect == .sqlite ? self.valueIndex(entity, field).map { SQLQueryString(" INDEXED BY \(ident: $0)") } : nil
        // The values as one JSON array, a single bound value however many there are.
        let list = JSON.array(values.map(JSON.string)).serialized
        let wanted = switch dialect {
        case .sqlite: SQLQueryString("SELECT value FROM json_each(\(bind: list))")
        case .postgres: SQLQueryString("SELECT jsonb_array_elements_text(\(bind: list)::jsonb)")
        }
        return SQLQueryString("""
            \(ident: entity.table)\(index ?? SQLQueryString("")) WHERE \(ident: field.key) IN (\(wanted))
              AND \(ident: field.key) IS NOT NULL AND deleted_at IS NULL
            """)
    }

    /// The live-record indexes that keep list pages, scopes and related lists to a key lookup.
    static func indexes(_ entity: EntityDefinition) -> [Index] {
        let live = "WHERE deleted_at IS NULL"
        var indexes = [
            Index(name: "ix_\(entity.table)_updated", columns: "updated_at, id", condition: live),
            Index(name: "ix_\(entity.table)_created", columns: "created_at, id", condition: live),
            Index(name: "ix_\(entity.table)_owner", columns: "owner_id, updated_at, id", condition: live),
            Index(name: "ix_\(entity.table)_department", columns: "department_id, updated_at, id", condition: live),
            Index(name: "ix_\(entity.table)_deleted", columns: "deleted_at", condition: "WHERE deleted_at IS NOT NULL"),
        ]
        if entity.pooled {
            indexes.append(Index(name: "ix_\(entity.table)_pool", columns: "pool_id, updated_at, id", condition: "\(live) AND owner_id IS NULL"))
            // Counting what a person owns against a pool's cap, won or not, from the index alone.
            indexes.append(Index(name: "ix_\(entity.table)_owned", columns: "owner_id, status, last_won_at", condition: "\(live) AND owner_id IS NOT NULL"))
        }
        for columns in entity.reportIndexes {
            indexes.append(Index(name: "ix_\(entity.table)_report_" + columns.prefix(3).joined(separator: "_"), columns: columns.map(quoted).joined(separator: ", "), condition: live))
        }
        for field in entity.fields where field.sortable && !field.sortsByPinyin {
            indexes.append(Index(name: self.valueIndex(entity, field)!, columns: "\(quoted(field.key)), updated_at, id", condition: live))
        }
        for field in SortKeys.fields(entity) {
            indexes.append(Index(name: "ix_\(entity.table)_\(field.key)_pinyin", columns: "\(quoted(SortKeys.column(field))), updated_at, id", condition: live))
        }
        // Lookups by value (`field = ?`) never look for an empty field, so records without one
        // stay out of these indexes: an optional link or email is often empty.
        for field in entity.fields where field.type == .link {
            indexes.append(Index(name: self.valueIndex(entity, field)!, columns: "\(quoted(field.key)), id", condition: "\(live) AND \(quoted(field.key)) IS NOT NULL"))
        }
        for key in entity.uniqueTogether {
            indexes.append(Index(name: "ux_\(entity.table)_" + key.joined(separator: "_"), columns: key.map(quoted).joined(separator: ", "),
                                 condition: live, unique: true))
        }
        for field in entity.fields where self.hasPlainIndex(field) {
            indexes.append(Index(name: self.valueIndex(entity, field)!, columns: quoted(field.key), condition: "\(live) AND \(quoted(field.key)) IS NOT NULL"))
        }
        return indexes
    }
}

/// An identifier as SQL, quoted so that its case is kept on PostgreSQL as on SQLite.
func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
