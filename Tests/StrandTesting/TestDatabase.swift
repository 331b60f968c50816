import Foundation
import NIOPosix
import SQLKit
import StrandCore
import StrandStore

/// The databases every store and route test runs on: a private in-memory SQLite always, and
/// PostgreSQL when the test script has started one (`STRAND_TEST_POSTGRES_URL`).
public enum TestBackend: String, Sendable, CaseIterable {
    case sqlite, postgres

    public static var available: [TestBackend] {
        ProcessInfo.processInfo.environment["STRAND_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }
}

public enum TestDatabase {
    /// A fresh, migrated database with the default roles; PostgreSQL gets a schema of its own.
    public static func fresh(_ backend: TestBackend, catalog: EntityCatalog = EntityCatalog()) async throws -> StoreDatabase {
        let group = MultiThreadedEventLoopGroup.singleton
        let database: StoreDatabase
        switch backend {
        case .sqlite:
            database = try StoreDatabase.open(.memory, on: group)
        case .postgres:
            let url = ProcessInfo.processInfo.environment["STRAND_TEST_POSTGRES_URL"]!
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            let admin = try StoreDatabase.open(.postgres(url: url), on: group)
            try await admin.write { db in try await db.raw("CREATE SCHEMA \(ident: String(schema))").run() }
            await admin.shutdown()
            database = try StoreDatabase.open(.postgres(url: url, searchPath: String(schema)), on: group)
        }
        try await SchemaApplier.migrate(database, catalog: catalog)
        try await Bootstrap.ensureDefaultRoles(database)
        return database
    }
}

extension TestDatabase {
    /// A new empty PostgreSQL schema, for a server under test to put its tables in.
    public static func freshPostgresSchema() async throws -> (url: String, schema: String) {
        let url = ProcessInfo.processInfo.environment["STRAND_TEST_POSTGRES_URL"]!
        let schema = "w_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let admin = try StoreDatabase.open(.postgres(url: url), on: MultiThreadedEventLoopGroup.singleton)
        try await admin.write { db in try await db.raw("CREATE SCHEMA \(ident: String(schema))").run() }
        await admin.shutdown()
        return (url, String(schema))
    }
}
