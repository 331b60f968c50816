import SQLKit
import StrandCore

/// The SQL of writes. Only `RecordService` calls it, inside its transaction.
enum RecordWriter {
    /// Ids for records about to be written, so that a batch's rows know theirs before the write.
    /// On SQLite the caller holds the write lock, so the ids after the largest are free.
    static func newIds(_ entity: EntityDefinition, count: Int, dialect: Dialect, db: any SQLDatabase) async throws -> [Int64] {
        guard count > 0 else { return [] }
        switch dialect {
        case .sqlite:
            let top = try await db.raw("SELECT COALESCE(MAX(id), 0) AS top FROM \(ident: entity.table)").first()?.integer("top") ?? 0
            return (1...Int64(count)).map { top + $0 }
        case .postgres:
            return try await db.raw("""
                SELECT nextval(pg_get_serial_sequence(\(bind: entity.table), 'id')) AS id FROM generate_series(1, \(bind: count))
                """).all().map { try $0.decode(column: "id", as: Int64.self) }
        }
    }

    /// New records as they will be stored, with the ids `newIds` gave them.
    static func records(_ entity: EntityDefinition, rows: [(id: Int64, values: [String: FieldValue], position: RecordPosition)],
                        actor: Int64) -> [Record] {
        let now = Clock.millis()
        return rows.map { row in
            Record(id: row.id, version: 1, ownerId: row.position.owner, departmentId: row.position.department, createdBy: actor,
                   updatedBy: actor, createdAt: now, updatedAt: now, deletedAt: nil,
                   values: row.values.merging(entity.fields.filter { row.values[$0.key] == nil }.map { ($0.key, $0.emptyValue) }) { a, _ in a })
        }
    }

    /// Writes new records, as many to a statement as the databases' limits on bound values allow.
    static func insert(_ entity: EntityDefinition, _ records: [Record], db: any SQLDatabase) async throws {
        var columns = ["id", "version", "owner_id", "department_id", "created_by", "updated_by", "created_at", "updated_at"] + entity.fields.map(\.key)
        columns += SortKeys.fields(entity).map(SortKeys.column)
        if entity.pooled { columns.append("owned_since") }
        let rows = records.map { record -> [FieldValue] in
            var row: [FieldValue] = [.integer(record.id), .integer(record.version), .integer(or: record.ownerId), .integer(or: record.departmentId),
                                     .integer(or: record.createdBy), .integer(or: record.updatedBy), .integer(record.createdAt), .integer(record.updatedAt)]
            row += entity.fields.map { record[$0.key] }
            row += SortKeys.values(entity, record.values).map(\.value)
            if entity.pooled { row.append(.integer(or: record.ownerId == nil ? nil : record.createdAt)) }
            return row
        }
        for insert in BulkInsert.statements(table: entity.table, columns: columns, rows: rows) { try await insert.run(on: db) }
    }

    /// Writes only if the stored version is still the one read, so a concurrent change is never
    /// silently overwritten.
    static func update(_ entity: EntityDefinition, current: Record, values: [String: FieldValue], position: RecordPosition,
                       actor: Int64?, db: any SQLDatabase) async throws -> Record {
        let now = max(Clock.millis(), current.updatedAt + 1)
        var sets: [any SQLExpression] = [
            SQLQueryString("version = \(bind: current.version + 1)"), SQLQueryString("updated_at = \(bind: now)"),
            SQLQueryString("updated_by = \(bind: actor)"), SQLQueryString("owner_id = \(bind: position.owner)"),
            SQLQueryString("department_id = \(bind: position.department)"),
        ]
        for field in entity.fields {
            sets.append(SQLQueryString("\(ident: field.key) = \(field.bind(values[field.key] ?? field.emptyValue))"))
        }
        for key in SortKeys.values(entity, values) { sets.append(SQLQueryString("\(ident: key.column) = \(bind: key.value.textValue ?? "")")) }
        if entity.pooled && position.owner != current.ownerId {
            sets.append(SQLQueryString("owned_since = \(bind: position.owner == nil ? nil : now)"))
        }
        let row = try await db.raw("""
            UPDATE \(ident: entity.table) SET \(SQLList(sets))
            WHERE id = \(bind: current.id) AND version = \(bind: current.version) RETURNING id
            """).first()
        guard row != nil else { throw RecordError.conflict(current: current, changes: [:]) }
        var record = current
        record.values = values
        record.version += 1
        record.updatedAt = now
        record.updatedBy = actor
        record.ownerId = position.owner
        record.departmentId = position.department
        return record
    }

    static func markDeleted(_ entity: EntityDefinition, id: Int64, at: Int64, actor: Int64, db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE \(ident: entity.table) SET deleted_at = \(bind: at), version = version + 1, updated_by = \(bind: actor)
            WHERE id = \(bind: id)
            """).run()
    }

    static func restore(_ entity: EntityDefinition, current: Record, actor: Int64, db: any SQLDatabase) async throws -> Record {
        let now = Clock.millis()
        try await db.raw("""
            UPDATE \(ident: entity.table) SET deleted_at = NULL, version = version + 1, updated_at = \(bind: now),
            updated_by = \(bind: actor) WHERE id = \(bind: current.id)
            """).run()
        var record = current
        record.deletedAt = nil
        record.version += 1
        record.updatedAt = now
        return record
    }

    static func markChildrenDeleted(_ child: EntityDefinition, parentId: Int64, at: Int64, dialect: Dialect,
                                    db: any SQLDatabase) async throws {
        guard let link = child.ownerLinkField else { return }
        try await SearchIndex.removeChildren(child, link: link, parentId: parentId, dialect: dialect, db: db)
        try await db.raw("""
            UPDATE \(ident: child.table) SET deleted_at = \(bind: at), version = version + 1
            WHERE \(ident: link) = \(bind: parentId) AND deleted_at IS NULL
            """).run()
    }

    static func restoreChildren(_ child: EntityDefinition, parentId: Int64, deletedAt: Int64, dialect: Dialect,
                                db: any SQLDatabase) async throws {
        guard let link = child.ownerLinkField else { return }
        let rows = try await db.raw("""
            UPDATE \(ident: child.table) SET deleted_at = NULL, version = version + 1
            WHERE \(ident: link) = \(bind: parentId) AND deleted_at = \(bind: deletedAt) RETURNING *
            """).all()
        for row in rows {
            try await SearchIndex.put(child, try Record.decode(row, entity: child), dialect: dialect, db: db)
        }
    }

    /// Children follow their parent's owner; their search entries too, so scopes stay exact.
    static func moveChildren(_ child: EntityDefinition, parentIds: [Int64], owner: Int64?, department: Int64?,
                             dialect: Dialect, db: any SQLDatabase) async throws {
        guard let link = child.ownerLinkField, !parentIds.isEmpty else { return }
        let parents = SQLGroupExpression.binds(parentIds)
        // Live and deleted children apart: the link's index holds live rows only, and the
        // deleted ones are few and have an index of their own. Either way no table is scanned.
        for state in ["deleted_at IS NULL", "deleted_at IS NOT NULL"] {
            try await db.raw("""
                UPDATE \(ident: child.table) SET owner_id = \(bind: owner), department_id = \(bind: department)
                WHERE \(ident: link) IN \(parents) AND \(unsafeRaw: state)
                """).run()
        }
        // Deleted records have no search entries.
        try await SearchIndex.move(child, ids: SQLQueryString("SELECT id FROM \(ident: child.table) WHERE \(ident: link) IN \(parents) AND deleted_at IS NULL"),
                                   owner: owner, department: department, dialect: dialect, db: db)
    }
}
