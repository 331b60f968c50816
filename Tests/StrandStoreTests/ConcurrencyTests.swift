import Foundation
import NIOPosix
import StrandCore
import StrandStore
import StrandTesting
import Testing

@Suite struct ConcurrencyTests {
    /// Twenty people saving the same customer at once: every save reads then writes, and none
    /// may fail with SQLITE_BUSY or be lost, on a file with several connections as in production.
    @Test(arguments: TestBackend.available)
    func concurrentReadThenWriteNeverFails(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let database: StoreDatabase
        var directory: URL?
        if backend == .sqlite {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strand-concurrency-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            directory = folder
            database = try StoreDatabase.open(.sqliteFile(path: folder.appendingPathComponent("strand.sqlite").path), on: MultiThreadedEventLoopGroup.singleton)
            try await SchemaApplier.migrate(database, catalog: company.catalog)
            try await Bootstrap.ensureDefaultRoles(database)
            _ = try await Bootstrap.ensureAdmin(database, passwordHash: "test:x")
        } else {
            database = company.database
        }
        defer { if let directory { try? FileManager.default.removeItem(at: directory) } }
        let admin = try await database.read { try await Directory.actor(userId: 1, db: $0)! }
        let records = RecordService(database: database, catalog: company.catalog)
        let context = WriteContext(actor: admin, ip: "127.0.0.1", timeZone: .shanghai)
        let customer = try await records.create(company.entity("customer"), input: ["name": .string("并发客户")], context: context).record
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    _ = try await records.update(company.entity("customer"), id: customer.id,
                                                 input: ["notes": .string("第\(index)次")], expectedVersion: nil, context: context)
                }
            }
            try await group.waitForAll()
        }
        let final = try await database.find(company.entity("customer"), id: customer.id, scope: ScopeFilter(.everything))
        #expect(final?.version == 21)
        if backend == .sqlite { await database.shutdown() }
    }
}
