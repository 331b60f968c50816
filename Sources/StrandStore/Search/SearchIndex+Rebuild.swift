import SQLKit
import StrandCore

extension SearchIndex {
    /// Every entry worked out again from the live records, replacing what the index held: for
    /// when the way entries are keyed changes (migration 1005), read and written a few thousand
    /// records at a time.
    static func rebuild(_ catalog: EntityCatalog, dialect: Dialect, db: any SQLDatabase) async throws {
        switch dialect {
        case .sqlite: try await db.raw("INSERT INTO search_index (search_index) VALUES ('delete-all')").run()
        case .postgres: try await db.raw("DELETE FROM search_index").run()
        }
        for entity in catalog.entities where !entity.searchedFields.isEmpty {
            let columns = (["id", "owner_id", "department_id"] + entity.searchedFields.map(\.key)).map { SQLIdentifier($0) }
            var after: Int64 = 0
            while true {
                let rows = try await db.raw("""
                    SELECT \(SQLList(columns)) FROM \(ident: entity.table) WHERE id > \(bind: after) AND deleted_at IS NULL
                    ORDER BY id LIMIT 5000
                    """).all()
                guard let last = rows.last else { break }
                after = try last.decode(column: "id", as: Int64.self)
                let records = try rows.map { row in
                    let values = try entity.searchedFields.reduce(into: [String: FieldValue]()) { values, field in
                        if let text = try row.text(field.key) { values[field.key] = .text(text) }
                    }
                    return BulkSeeder.BulkRow(id: try row.decode(column: "id", as: Int64.self),
                                              position: RecordPosition(owner: try row.integer("owner_id"), department: try row.integer("department_id")),
                                              time: 0, values: values)
                }
                for insert in BulkSeeder.searchInserts(BulkSeeder.searchRows(entity, records), dialect: dialect) { try await insert.run(on: db) }
            }
        }
    }
}
