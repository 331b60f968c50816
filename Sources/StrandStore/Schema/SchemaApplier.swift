import Foundation
import SQLKit
import StrandCore

/// Brings a database up to date: system migrations first, then every entity's planned table.
public enum SchemaApplier {
    public static func migrate(_ database: StoreDatabase, catalog: EntityCatalog) async throws {
        let dialect = database.dialect
        try await database.write { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)").run()
            let done = Set(try await db.raw("SELECT version FROM schema_migrations").all()
                .map { try $0.decode(column: "version", as: Int.self) })
            try await self.run(SystemMigrations.all.filter { !done.contains($0.version) }, catalog: catalog, dialect: dialect, db: db)
            try await self.applyPlans(catalog, dialect: dialect, db: db)
            try await self.run(SystemMigrations.afterPlans.filter { !done.contains($0.version) }, catalog: catalog, dialect: dialect, db: db)
        }
        try await self.refreshStatistics(database, thorough: false)
    }

    static func run(_ migrations: [SystemMigrations.Migration], catalog: EntityCatalog, dialect: Dialect, db: any SQLDatabase) async throws {
        for migration in migrations {
            for statement in migration.statements(dialect) {
                try await db.raw(SQLQueryString(statement)).run()
            }
            try await migration.data?(catalog, dialect, db)
            try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Clock.millis()))").run()
        }
    }

    /// Builds the indexes a bulk load left out, each in its own transaction (so SQLite's log
    /// never holds them all at once). SQLite's sorter gets a second thread and memory enough to
    /// sort in one pass, and reads the table through a memory map instead of a call per page.
    public static func buildIndexes(_ database: StoreDatabase, catalog: EntityCatalog) async throws {
        let dialect = database.dialect
        let statements = try await database.read { db in try await self.plannedStatements(catalog, dialect: dialect, db: db) }
        for statement in statements {
            try await database.write { db in
                if dialect == .sqlite { try await self.pragmas(self.bulkSettings, db: db) }
                try await db.raw(SQLQueryString(statement)).run()
                if dialect == .sqlite { try await self.pragmas(self.usualSettings, db: db) }
            }
        }
    }

    static let bulkSettings = ["threads = 2", "cache_size = -262144", "mmap_size = 4294967296"]
    static let usualSettings = ["threads = 0", "cache_size = -32000", "mmap_size = 0"]

    static func pragmas(_ settings: [String], db: any SQLDatabase) async throws {
        for setting in settings { try await db.raw(SQLQueryString("PRAGMA " + setting)).run() }
    }

    /// Table statistics let the query planner pick the index that serves a list. `thorough`
    /// after a bulk load; otherwise only what SQLite judges stale, sampling a few hundred rows.
    public static func refreshStatistics(_ database: StoreDatabase, thorough: Bool) async throws {
        switch database.dialect {
        case .sqlite:
            try await database.read { db in
                try await db.raw("PRAGMA analysis_limit = 1000").run()
                try await db.raw(thorough ? "ANALYZE" : "PRAGMA optimize").run()
            }
        case .postgres:
            if thorough { try await database.read { try await $0.raw("ANALYZE").run() } }
        }
    }

    /// Creates or extends every entity's table and its indexes, as its definition plans.
    static func applyPlans(_ catalog: EntityCatalog, dialect: Dialect, db: any SQLDatabase) async throws {
        for statement in try await self.plannedStatements(catalog, dialect: dialect, db: db) {
            try await db.raw(SQLQueryString(statement)).run()
        }
        try await SortKeys.fill(catalog, dialect: dialect, db: db)
    }

    static func plannedStatements(_ catalog: EntityCatalog, dialect: Dialect, db: any SQLDatabase) async throws -> [String] {
        var statements: [String] = []
        for entity in catalog.entities {
            let columns = try await self.columns(of: entity.table, db: db, dialect: dialect)
            statements += EntitySchema.plan(entity, existingColumns: columns, dialect: dialect)
        }
        return statements
    }

    /// The table's columns, or nil when it does not exist yet.
    static func columns(of table: String, db: any SQLDatabase, dialect: Dialect) async throws -> Set<String>? {
        let rows: [any SQLRow]
        switch dialect {
        case .sqlite:
            rows = try await db.raw("SELECT name FROM pragma_table_info(\(bind: table))").all()
        case .postgres:
            rows = try await db.raw("SELECT column_name AS name FROM information_schema.columns WHERE table_name = \(bind: table) AND table_schema = current_schema()").all()
        }
        let names = try rows.map { try $0.decode(column: "name", as: String.self) }
        return names.isEmpty ? nil : Set(names)
    }
}

/// Wall-clock time as stored: epoch milliseconds.
public enum Clock {
    public static func millis(_ date: Date = Date()) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
