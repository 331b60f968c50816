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
            for migration in SystemMigrations.all where !done.contains(migration.version) {
                for statement in migration.statements(dialect) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Clock.millis()))").run()
            }
            try await self.applyPlans(catalog, dialect: dialect, db: db)
        }
        try await self.refreshStatistics(database, thorough: false)
    }

    /// Builds the indexes a bulk load left out, with SQLite's sorter allowed a second thread and
    /// enough memory to sort in one pass.
    public static func buildIndexes(_ database: StoreDatabase, catalog: EntityCatalog) async throws {
        let dialect = database.dialect
        try await database.write { db in
            if dialect == .sqlite {
                try await db.raw("PRAGMA threads = 2").run()
                try await db.raw("PRAGMA cache_size = -262144").run()
            }
            try await self.applyPlans(catalog, dialect: dialect, db: db)
            if dialect == .sqlite {
                try await db.raw("PRAGMA threads = 0").run()
                try await db.raw("PRAGMA cache_size = -32000").run()
            }
        }
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
        for entity in catalog.entities {
            let columns = try await self.columns(of: entity.table, db: db, dialect: dialect)
            for statement in EntitySchema.plan(entity, existingColumns: columns, dialect: dialect) {
                try await db.raw(SQLQueryString(statement)).run()
            }
        }
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
