import Foundation
import SQLKit
import StrandCore

/// One change of one field, as stored text (nil when empty).
public struct AuditChange: Sendable, Codable, Equatable {
    public let from: String?
    public let to: String?

    public init(from: String?, to: String?) {
        (self.from, self.to) = (from, to)
    }
}

extension AuditChange {
    /// Changes as the audit log keeps them: `{"field":{"from":"a","to":"b"}}`, keys sorted, an
    /// absent side left out. Written with our JSON rather than an encoder: an import writes a
    /// hundred thousand of these.
    static func text(_ changes: [String: AuditChange]) -> String {
        var out = "{"
        for (index, key) in changes.keys.sorted().enumerated() {
            let change = changes[key]!
            out += index == 0 ? "" : ","
            JSON.quote(key, into: &out)
            out += ":{"
            if let from = change.from {
                out += "\"from\":"
                JSON.quote(from, into: &out)
            }
            if let to = change.to {
                out += change.from == nil ? "\"to\":" : ",\"to\":"
                JSON.quote(to, into: &out)
            }
            out += "}"
        }
        return out + "}"
    }
}

public struct AuditEntry: Sendable {
    public var id: Int64 = 0
    public var at: Int64
    public var userId: Int64?
    public var ip: String
    public var action: AuditAction
    public var entity: String
    public var recordId: Int64?
    public var recordVersion: Int64?
    public var changes: [String: AuditChange]

    public init(at: Int64, userId: Int64?, ip: String, action: AuditAction, entity: String, recordId: Int64?,
                recordVersion: Int64? = nil, changes: [String: AuditChange]) {
        (self.at, self.userId, self.ip, self.action, self.entity) = (at, userId, ip, action, entity)
        (self.recordId, self.recordVersion, self.changes) = (recordId, recordVersion, changes)
    }
}

/// The audit trail. Writers call it inside the same transaction as the change it records, so a
/// change and its audit row are committed together or not at all.
public enum AuditLog {
    public static func append(_ entry: AuditEntry, db: any SQLDatabase) async throws {
        try await self.append([entry], db: db)
    }

    /// Many rows in one statement, for changes made to many records at once.
    public static func append(_ entries: [AuditEntry], db: any SQLDatabase) async throws {
        try await self.append(entries, texts: await entries.map(\.changes).parallelMap(AuditChange.text), db: db)
    }

    /// Rows whose changes are already written as `AuditChange.text`.
    static func append(_ entries: [AuditEntry], texts: [String], db: any SQLDatabase) async throws {
        guard !entries.isEmpty else { return }
        let rows = zip(entries, texts).map { entry, json -> [FieldValue] in
            [.integer(entry.at), .integer(or: entry.userId), .text(entry.ip), .text(entry.action.rawValue), .text(entry.entity),
             .integer(or: entry.recordId), .integer(or: entry.recordVersion), .text(json)]
        }
        let columns = ["at", "user_id", "ip", "action", "entity", "record_id", "record_version", "changes"]
        for insert in BulkInsert.statements(table: "audit_log", columns: columns, rows: rows) { try await insert.run(on: db) }
    }

    public static func history(entity: String, recordId: Int64, afterVersion: Int64? = nil,
                               limit: Int = 200, db: any SQLDatabase) async throws -> [AuditEntry] {
        let since = afterVersion.map { SQLQueryString("AND record_version > \(bind: $0)") } ?? SQLQueryString("")
        return try await db.raw("""
            SELECT * FROM audit_log WHERE entity = \(bind: entity) AND record_id = \(bind: recordId) \(since)
            ORDER BY id DESC LIMIT \(bind: limit)
            """).all().map(self.decode)
    }

    public struct Query: Sendable {
        public var userId: Int64?
        public var entity: String?
        public var action: AuditAction?
        public var from: Int64?
        public var to: Int64?
        public var beforeId: Int64?
        public var limit = 50

        public init() {}
    }

    /// The administrator's view: newest first, paged by id.
    public static func list(_ query: Query, db: any SQLDatabase) async throws -> [AuditEntry] {
        var conditions = SQLConditions()
        if let userId = query.userId { conditions.add(SQLQueryString("user_id = \(bind: userId)")) }
        if let entity = query.entity { conditions.add(SQLQueryString("entity = \(bind: entity)")) }
        if let action = query.action { conditions.add(SQLQueryString("action = \(bind: action.rawValue)")) }
        if let from = query.from { conditions.add(SQLQueryString("at >= \(bind: from)")) }
        if let to = query.to { conditions.add(SQLQueryString("at <= \(bind: to)")) }
        if let beforeId = query.beforeId { conditions.add(SQLQueryString("id < \(bind: beforeId)")) }
        return try await db.raw("SELECT * FROM audit_log WHERE \(conditions.expression) ORDER BY id DESC LIMIT \(bind: query.limit)")
            .all().map(self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> AuditEntry {
        let json = try row.decode(column: "changes", as: String.self)
        var entry = AuditEntry(
            at: try row.decode(column: "at", as: Int64.self),
            userId: try row.integer("user_id"),
            ip: try row.decode(column: "ip", as: String.self),
            action: try AuditAction.stored(try row.decode(column: "action", as: String.self)),
            entity: try row.decode(column: "entity", as: String.self),
            recordId: try row.integer("record_id"),
            recordVersion: try row.integer("record_version"),
            changes: (try? JSONDecoder().decode([String: AuditChange].self, from: Data(json.utf8))) ?? [:]
        )
        entry.id = try row.decode(column: "id", as: Int64.self)
        return entry
    }
}

extension JSONEncoder {
    public static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension FieldValue {
    /// The stored form as audit text: nil for empty.
    public var auditText: String? {
        switch self {
        case .null: nil
        case .text(let text): text.isEmpty ? nil : text
        case .integer(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .list(let items): items.isEmpty ? nil : items.joined(separator: ",")
        }
    }
}
