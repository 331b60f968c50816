import NIOPosix
import SQLKit
import StrandCore
@testable import StrandStore
import Testing

@Suite struct SchemaUpgradeTests {
    /// A database made before SQLite's search index dropped its copy of the words, and before
    /// entries were keyed by `SearchIndex.entityStride`, keeps every record findable after the upgrade,
    /// with its scope columns; an entry of a record that is gone is gone too.
    @Test func searchIndexMovesToTheSlimTableWithItsEntries() async throws {
        let database = try StoreDatabase.open(.memory, on: MultiThreadedEventLoopGroup.singleton)
        try await database.write { db in
            try await db.raw("CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)").run()
            for migration in SystemMigrations.all where migration.version <= 5 {
                for statement in migration.statements(.sqlite) { try await db.raw(SQLQueryString(statement)).run() }
                try await db.raw("INSERT INTO schema_migrations VALUES (\(bind: migration.version), \(bind: migration.name), 0)").run()
            }
            try await SchemaApplier.applyPlans(EntityCatalog(), dialect: .sqlite, db: db)
            try await db.raw("INSERT INTO customers (id, version, name, owner_id, department_id, created_at, updated_at) VALUES (7, 1, '华为', 3, 2, 0, 0)").run()
            try await db.raw("""
                INSERT INTO search_index (rowid, terms, entity, record_id, owner_id, department_id)
                VALUES (113, '华为 huawei hw', 1, 7, 3, 2), (129, '旧客户', 1, 8, 3, 2)
                """).run()
        }
        try await SchemaApplier.migrate(database, catalog: EntityCatalog())
        let rows = try await database.read { db in
            try await db.raw("SELECT rowid, entity, record_id, owner_id, department_id FROM search_index WHERE search_index MATCH 'huaw*'").all()
        }
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(try row.decode(column: "rowid", as: Int64.self) == SearchIndex.entityStride + 7)
        #expect(try row.decode(column: "record_id", as: Int64.self) == 7)
        #expect(try row.decode(column: "owner_id", as: Int64.self) == 3)
        let gone = try await database.read { try await $0.raw("SELECT rowid FROM search_index WHERE search_index MATCH '旧客户'").all() }
        #expect(gone.isEmpty)
        // Owners change without the words being given again, as a transfer does.
        try await database.write { db in
            try await db.raw("UPDATE search_index SET owner_id = 4 WHERE rowid = \(bind: SearchIndex.entityStride + 7)").run()
        }
        let moved = try await database.read { db in
            try await db.raw("SELECT owner_id FROM search_index WHERE search_index MATCH '华为'").all()
        }
        #expect(try moved.map { try $0.decode(column: "owner_id", as: Int64.self) } == [4])
        let leftover = try await database.read { db in
            try await db.raw("SELECT name FROM sqlite_master WHERE name = 'search_index_with_text'").all()
        }
        #expect(leftover.isEmpty)
        await database.shutdown()
    }
}
