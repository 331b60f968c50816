import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresKit
import SQLiteKit

/// One value of a row read by position.
enum Cell: Sendable {
    case null, integer(Int64), real(Double), text(String)

    var int: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    var string: String {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .null: ""
        }
    }

    var flag: Bool { self.int == 1 }
}

/// A pooled connection as SQLKit sees it, which also keeps the driver's own connection: the
/// few reads of thousands of rows (a team's week) read them by position through the driver,
/// where SQLKit would look every column up by name and decode it through `Codable`, which
/// costs more than the database's own work.
struct DriverDatabase: SQLDatabase {
    let sql: any SQLDatabase
    /// The SQLite connection itself, for `BulkInsert`'s direct binds; nil on PostgreSQL.
    let sqlite: SQLiteConnection?
    let plainRows: @Sendable (String, [any Encodable & Sendable]) async throws -> [[Cell]]

    var logger: Logger { self.sql.logger }
    var eventLoop: any EventLoop { self.sql.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { self.sql.version }
    var dialect: any SQLDialect { self.sql.dialect }
    var queryLogLevel: Logger.Level? { self.sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        self.sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await self.sql.execute(sql: query, onRow)
    }

    init(_ connection: SQLiteConnection) {
        self.sql = connection.sql()
        self.sqlite = connection
        self.plainRows = { sql, binds in
            let values = try binds.map { try SQLiteDataEncoder().encode($0) }
            let rows = NIOLockedValueBox<[[Cell]]>([])
            try await connection.query(sql, values) { row in
                let cells = row.columns.map { column -> Cell in
                    switch column.data {
                    case .integer(let value): .integer(Int64(value))
                    case .float(let value): .real(value)
                    case .text(let value): .text(value)
                    case .blob(let value): .text(String(buffer: value))
                    case .null: .null
                    }
                }
                rows.withLockedValue { $0.append(cells) }
            }
            return rows.withLockedValue { $0 }
        }
    }

    init(_ connection: PostgresConnection) {
        self.sql = connection.sql()
        self.sqlite = nil
        self.plainRows = { sql, binds in
            var bindings = PostgresBindings(capacity: binds.count)
            for bind in binds { try Self.append(bind, to: &bindings) }
            var rows: [[Cell]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: connection.logger) {
                rows.append(try row.map(Self.cell))
            }
            return rows
        }
    }

    private static func cell(_ cell: PostgresCell) throws -> Cell {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        default: return .text(try cell.decode(String.self))
        }
    }

    /// Strand binds only these types (SQLKit hands them over as `Encodable`).
    private static func append(_ bind: any Encodable & Sendable, to bindings: inout PostgresBindings) throws {
        switch bind {
        case let value as Int64: bindings.append(value)
        case let value as Int: bindings.append(value)
        case let value as String: bindings.append(value)
        case let value as Bool: bindings.append(value)
        case let value as Double: bindings.append(value)
        default: throw DatabaseFault.unsupportedBind(String(describing: type(of: bind)))
        }
    }
}

enum DatabaseFault: Error {
    case unsupportedBind(String)
    case notPooled
}

extension SQLDatabase {
    /// The rows of `query`, each value at its column's position in the `SELECT`.
    func plainRows(_ query: SQLQueryString) async throws -> [[Cell]] {
        guard let driver = self as? DriverDatabase else { throw DatabaseFault.notPooled }
        let (sql, binds) = driver.serialize(query)
        return try await driver.plainRows(sql, binds)
    }
}
