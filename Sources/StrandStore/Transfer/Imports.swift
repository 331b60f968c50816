import Foundation
import SQLKit
import StrandCore
import StrandOffice

/// An import as it is kept: the file, what to do with it, and how it went.
public struct ImportJob: Sendable {
    public enum Status: String, Sendable {
        case draft, running, done, failed, interrupted, reverted

        /// Whether the import is still being set up: its mapping and settings may change, and it may run.
        public var settingUp: Bool { self == .draft || self == .failed || self == .interrupted }
    }

    public struct Rejected: Sendable, Equatable {
        public let row: Int
        /// Field keys (or `row`) and the error codes and values for them.
        public let errors: [String: FieldError]
    }

    public let id: Int64
    public let userId: Int64
    public let entity: String
    public let fileName: String
    public let kind: ImportTable.Kind
    public var sheet: Int
    public var encoding: CsvText.Encoding?
    public var settings: ImportSettings
    public var status: Status
    public var total = 0, created = 0, updated = 0, skipped = 0
    public var rejected: [Rejected] = []
    public var error = ""
    public let createdAt: Int64
    public var finishedAt: Int64?
}

/// The imports table.
public enum Imports {
    public static func create(userId: Int64, entity: String, fileName: String, kind: ImportTable.Kind, content: Data,
                              db: any SQLDatabase) async throws -> Int64 {
        try await db.raw("""
            INSERT INTO imports (user_id, entity, file_name, kind, content, created_at)
            VALUES (\(bind: userId), \(bind: entity), \(bind: fileName), \(bind: kind.rawValue), \(bind: content), \(bind: Clock.millis())) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
    }

    /// What `decode` reads: everything but the file.
    static let columns = SQLRaw("""
        id, user_id, entity, file_name, kind, sheet, encoding, settings, status, rows_total, created, updated, skipped, rejects,
        error, created_at, finished_at
        """)

    public static func find(id: Int64, db: any SQLDatabase) async throws -> ImportJob? {
        try await db.raw("SELECT \(self.columns) FROM imports WHERE id = \(bind: id)").first().map(self.decode)
    }

    public static func content(id: Int64, db: any SQLDatabase) async throws -> Data? {
        try await db.raw("SELECT content FROM imports WHERE id = \(bind: id)").first()?.decode(column: "content", as: Data.self)
    }

    /// The person's latest imports, newest first.
    public static func list(userId: Int64, limit: Int = 20, db: any SQLDatabase) async throws -> [ImportJob] {
        try await db.raw("SELECT \(self.columns) FROM imports WHERE user_id = \(bind: userId) ORDER BY id DESC LIMIT \(bind: limit)")
            .all().map(self.decode)
    }

    public static func save(_ job: ImportJob, db: any SQLDatabase) async throws {
        try await db.raw("""
            UPDATE imports SET sheet = \(bind: job.sheet), encoding = \(bind: job.encoding?.rawValue ?? ""), settings = \(bind: ImportCodec.settings(job.settings)),
              status = \(bind: job.status.rawValue), rows_total = \(bind: job.total), created = \(bind: job.created), updated = \(bind: job.updated),
              skipped = \(bind: job.skipped), rejects = \(bind: ImportCodec.rejects(job.rejected)), error = \(bind: job.error),
              finished_at = \(bind: job.finishedAt) WHERE id = \(bind: job.id)
            """).run()
    }

    /// Marks the import running, unless it already is or has run: true for the one caller
    /// that gets to run it (a double click starts it once).
    public static func claimRun(id: Int64, db: any SQLDatabase) async throws -> Bool {
        try await db.raw("""
            UPDATE imports SET status = 'running' WHERE id = \(bind: id) AND status IN ('draft', 'failed', 'interrupted') RETURNING id
            """).first() != nil
    }

    /// Imports a stopped server was running wrote nothing (their transaction died with it).
    public static func markInterrupted(db: any SQLDatabase) async throws {
        try await db.raw("UPDATE imports SET status = 'interrupted' WHERE status = 'running'").run()
    }

    static func decode(_ row: any SQLRow) throws -> ImportJob {
        var job = ImportJob(id: try row.decode(column: "id", as: Int64.self), userId: try row.decode(column: "user_id", as: Int64.self),
                            entity: try row.decode(column: "entity", as: String.self), fileName: try row.decode(column: "file_name", as: String.self),
                            kind: ImportTable.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .csv,
                            sheet: Int(try row.decode(column: "sheet", as: Int64.self)),
                            encoding: CsvText.Encoding(rawValue: try row.decode(column: "encoding", as: String.self)),
                            settings: ImportCodec.settings(try row.decode(column: "settings", as: String.self)),
                            status: ImportJob.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
                            createdAt: try row.decode(column: "created_at", as: Int64.self))
        job.total = Int(try row.decode(column: "rows_total", as: Int64.self))
        job.created = Int(try row.decode(column: "created", as: Int64.self))
        job.updated = Int(try row.decode(column: "updated", as: Int64.self))
        job.skipped = Int(try row.decode(column: "skipped", as: Int64.self))
        job.rejected = ImportCodec.rejects(try row.decode(column: "rejects", as: String.self))
        job.error = try row.decode(column: "error", as: String.self)
        job.finishedAt = try row.integer("finished_at")
        return job
    }
}

/// A record an import made or changed: for a change, the values it replaced; the version it
/// left, so that a revert can tell whether anyone changed the record since.
struct ImportItem {
    let row: Int
    let recordId: Int64
    let action: String
    let before: String
    var version: Int64

    static func add(_ items: [ImportItem], to importId: Int64, db: any SQLDatabase) async throws {
        let rows = items.map { item -> [FieldValue] in
            [.integer(importId), .integer(Int64(item.row)), .integer(item.recordId), .text(item.action), .text(item.before), .integer(item.version)]
        }
        let columns = ["import_id", "row_number", "record_id", "action", "before", "version"]
        for insert in BulkInsert.statements(table: "import_items", columns: columns, rows: rows) { try await insert.run(on: db) }
    }
}
