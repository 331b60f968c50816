import SQLKit
import StrandCore

/// One value a tracked field held, and for how long.
public struct ValuePeriod: Sendable, Equatable {
    public let field: String
    public let value: String
    public let startedAt: Int64
    public let endedAt: Int64?
    public let startedBy: Int64?

    /// Whole days the value was held, up to `now` for the current one.
    public func days(now: Int64) -> Int {
        Int(((self.endedAt ?? now) - self.startedAt) / 86_400_000)
    }
}

/// Keeps `value_periods` in step with the tracked fields of records as the write pipeline saves them.
enum ValuePeriods {
    static func record(_ entity: EntityDefinition, _ record: Record, before: Record?, at now: Int64, actor: Int64?,
                       db: any SQLDatabase) async throws {
        for field in entity.trackedFields {
            let value = self.text(field, of: record)
            if let before, self.text(field, of: before) == value { continue }
            if before != nil {
                try await db.raw("""
                    UPDATE value_periods SET ended_at = \(bind: now)
                    WHERE entity = \(bind: entity.key) AND record_id = \(bind: record.id) AND field = \(bind: field) AND ended_at IS NULL
                    """).run()
            }
            guard let value else { continue }
            try await db.raw("""
                INSERT INTO value_periods (entity, record_id, field, value, started_at, started_by)
                VALUES (\(bind: entity.key), \(bind: record.id), \(bind: field), \(bind: value), \(bind: now), \(bind: actor))
                """).run()
        }
    }

    /// New records' first periods, many to a statement.
    static func started(_ entity: EntityDefinition, _ records: [Record], actor: Int64?, db: any SQLDatabase) async throws {
        let rows = records.flatMap { record in
            entity.trackedFields.compactMap { field in
                self.text(field, of: record).map { value -> [FieldValue] in
                    [.text(entity.key), .integer(record.id), .text(field), .text(value), .integer(record.createdAt), .integer(or: actor)]
                }
            }
        }
        let columns = ["entity", "record_id", "field", "value", "started_at", "started_by"]
        for insert in BulkInsert.statements(table: "value_periods", columns: columns, rows: rows) { try await insert.run(on: db) }
    }

    /// Many records got one new owner (or none) at once: their owner periods end and new ones begin.
    static func ownerChanged(_ entity: EntityDefinition, ids: [Int64], to owner: Int64?, at now: Int64, actor: Int64?,
                             db: any SQLDatabase) async throws {
        let field = SystemColumn.ownerId.rawValue
        try await db.raw("""
            UPDATE value_periods SET ended_at = \(bind: now) WHERE entity = \(bind: entity.key) AND field = \(bind: field)
              AND ended_at IS NULL AND record_id IN \(SQLGroupExpression.binds(ids))
            """).run()
        guard let owner else { return }
        let rows = ids.map { id -> any SQLExpression in
            SQLQueryString("(\(bind: entity.key), \(bind: id), \(bind: field), \(bind: String(owner)), \(bind: now), \(bind: actor))")
        }
        try await db.raw("INSERT INTO value_periods (entity, record_id, field, value, started_at, started_by) VALUES \(SQLList(rows))").run()
    }

    /// The field's value as stored in a period; nil when empty, which starts no period.
    static func text(_ field: String, of record: Record) -> String? {
        if field == SystemColumn.ownerId.rawValue { return record.ownerId.map(String.init) }
        return record[field].auditText
    }

    /// Every period of a record, oldest first.
    static func history(_ entity: EntityDefinition, recordId: Int64, db: any SQLDatabase) async throws -> [ValuePeriod] {
        try await db.raw("""
            SELECT field, value, started_at, ended_at, started_by FROM value_periods
            WHERE entity = \(bind: entity.key) AND record_id = \(bind: recordId) ORDER BY started_at, id
            """).all().map { row in
            ValuePeriod(field: try row.decode(column: "field", as: String.self), value: try row.decode(column: "value", as: String.self),
                        startedAt: try row.decode(column: "started_at", as: Int64.self), endedAt: try row.integer("ended_at"),
                        startedBy: try row.integer("started_by"))
        }
    }
}

extension StoreDatabase {
    /// The periods of a record the actor may view; empty when it cannot be seen.
    public func periods(_ entity: EntityDefinition, recordId: Int64, actor: Actor) async throws -> [ValuePeriod] {
        try await self.read { db in
            guard try await RecordStore.find(entity, id: recordId, scope: actor.filter(.view, on: entity.key), db: db) != nil else { return [] }
            return try await ValuePeriods.history(entity, recordId: recordId, db: db)
        }
    }
}
