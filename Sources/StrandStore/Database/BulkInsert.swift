import SQLKit
import SQLiteNIO
import StrandCore

extension FieldValue {
    /// A number column that may be empty (an owner, a department).
    static func integer(or value: Int64?) -> FieldValue {
        value.map(FieldValue.integer) ?? .null
    }
}

/// One multi-row INSERT, as plain values until it is prepared for a driver: on SQLite bound as
/// `SQLiteData` straight away, since for a hundred thousand rows SQLKit's per-value encoding
/// costs more than SQLite's own inserting.
struct BulkInsert: Sendable {
    let table: String
    let columns: [String]
    let rows: [[FieldValue]]
    /// The column whose words become PostgreSQL's tsvector.
    var termsColumn: Int?
    /// What follows the values, such as PostgreSQL's `ON CONFLICT`; constant text, never data.
    var suffix = ""

    /// As many statements as the databases' limits on bound values need.
    static func statements(table: String, columns: [String], rows: [[FieldValue]], termsColumn: Int? = nil,
                           suffix: String = "") -> [BulkInsert] {
        rows.chunked(by: max(1, 30_000 / max(1, columns.count))).map {
            BulkInsert(table: table, columns: columns, rows: $0, termsColumn: termsColumn, suffix: suffix)
        }
    }

    /// Writes the rows with `db`, inside whatever transaction it is in.
    func run(on db: any SQLDatabase) async throws {
        if let connection = (db as? DriverDatabase)?.sqlite {
            let (sql, binds) = self.sqliteStatement
            _ = try await connection.query(sql, binds).get()
        } else {
            try await db.raw(self.statement).run()
        }
    }

    /// SQLite's text, `?` for each value, and the values as SQLite binds them.
    var sqliteStatement: (sql: String, binds: [SQLiteData]) {
        let tuple = "(" + Array(repeating: "?", count: self.columns.count).joined(separator: ",") + ")"
        let sql = "INSERT INTO \"\(self.table)\" (" + self.columns.map { "\"\($0)\"" }.joined(separator: ",") + ") VALUES "
            + Array(repeating: tuple, count: self.rows.count).joined(separator: ",") + (self.suffix.isEmpty ? "" : " " + self.suffix)
        return (sql, self.rows.flatMap { $0.map(Self.sqliteData) })
    }

    var statement: SQLQueryString {
        let tuples = self.rows.map { row -> any SQLExpression in
            SQLGroupExpression(SQLList(row.enumerated().map { index, value -> any SQLExpression in
                let bind = value.sqlExpression
                return index == self.termsColumn ? SQLQueryString("array_to_tsvector(string_to_array(\(bind), ' '))") : bind
            }))
        }
        return SQLQueryString("""
            INSERT INTO \(ident: self.table) \(SQLGroupExpression(SQLList(self.columns.map { SQLIdentifier($0) }))) VALUES \(SQLList(tuples)) \(unsafeRaw: self.suffix)
            """)
    }

    static func sqliteData(_ value: FieldValue) -> SQLiteData {
        switch value {
        case .null: .null
        case .text(let text): .text(text)
        case .integer(let number): .integer(Int(number))
        case .bool(let flag): .integer(flag ? 1 : 0)
        case .list(let items): .text(value.listText(items))
        }
    }
}
