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
    /// `shared` puts SQLite in a file, so that a second handle (a second server) can open it too.
    public static func fresh(_ backend: TestBackend, catalog: EntityCatalog = EntityCatalog(),
                             shared: Bool = false) async throws -> (database: StoreDatabase, location: StoreDatabase.Location) {
        let location: StoreDatabase.Location
        switch backend {
        case .sqlite:
            location = shared ? .sqliteFile(path: NSTemporaryDirectory() + "strand-test-\(UUID().uuidString).sqlite") : .memory
        case .postgres:
            let (url, schema) = try await self.freshPostgresSchema(prefix: "t_")
            location = .postgres(url: url, searchPath: schema)
        }
        let database = try StoreDatabase.open(location, on: MultiThreadedEventLoopGroup.singleton)
        try await SchemaApplier.migrate(database, catalog: catalog)
        try await Bootstrap.ensureDefaultRoles(database)
        try await Pools.ensureDefault(database)
        return (database, location)
    }

    public static func fresh(_ backend: TestBackend, catalog: EntityCatalog = EntityCatalog()) async throws -> StoreDatabase {
        try await self.fresh(backend, catalog: catalog, shared: false).database
    }
}

extension TestDatabase {
    /// A new empty PostgreSQL schema, for a server under test to put its tables in.
    public static func freshPostgresSchema(prefix: String = "w_") async throws -> (url: String, schema: String) {
        let url = ProcessInfo.processInfo.environment["STRAND_TEST_POSTGRES_URL"]!
        let schema = prefix + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let admin = try StoreDatabase.open(.postgres(url: url), on: MultiThreadedEventLoopGroup.singleton)
        try await admin.write { db in try await db.raw("CREATE SCHEMA \(ident: String(schema))").run() }
        await admin.shutdown()
        return (url, String(schema))
    }
}
