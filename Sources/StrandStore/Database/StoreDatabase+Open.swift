import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit

extension StoreDatabase {
    public enum Location: Sendable {
        /// A private in-memory SQLite database on one connection, for tests.
        case memory
        case sqliteFile(path: String)
        /// `searchPath` puts Strand's tables in a schema of their own (tests use one per test).
        case postgres(url: String, searchPath: String? = nil)
    }

    public static func open(_ location: Location, on group: any EventLoopGroup,
                            threadPool: NIOThreadPool = .singleton) throws -> StoreDatabase {
        switch location {
        case .memory:
            let loop = group.next()
            let source = SQLitePragmaSource(storage: .memory, threadPool: threadPool)
            let pool = EventLoopGroupConnectionPool(source: source, maxConnectionsPerEventLoop: 1,
                                                    pruneInterval: nil, on: loop)
            return StoreDatabase(dialect: .sqlite, lender: PoolLender(pool: pool, sql: { DriverDatabase($0) }))
        case .sqliteFile(let path):
            let source = SQLitePragmaSource(storage: .file(path: path), threadPool: threadPool)
            let pool = EventLoopGroupConnectionPool(source: source, maxConnectionsPerEventLoop: 4,
                                                    pruneInterval: nil, on: group)
            return StoreDatabase(dialect: .sqlite, lender: PoolLender(pool: pool, sql: { DriverDatabase($0) }))
        case .postgres(let url, let searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = searchPath.map { [$0] }
            let source = PostgresConnectionSource(sqlConfiguration: configuration)
            let pool = EventLoopGroupConnectionPool(source: source, maxConnectionsPerEventLoop: 8,
                                                    pruneInterval: .seconds(60), on: group)
            return StoreDatabase(dialect: .postgres, lender: PoolLender(pool: pool, sql: { DriverDatabase($0) }))
        }
    }
}

/// Opens SQLite connections with the settings Strand relies on: WAL for concurrent readers,
/// foreign keys enforced, and a bounded wait for another process's write lock.
struct SQLitePragmaSource: ConnectionPoolSource {
    let storage: SQLiteConnection.Storage
    let threadPool: NIOThreadPool

    static let pragmas = [
        "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON",
        "PRAGMA busy_timeout = 5000", "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -32000",
        // The server checkpoints in the background after writes (`StoreDatabase.write`), so no
        // write waits while the log is copied into the database; this only bounds the log of
        // work outside it, such as a bulk load.
        "PRAGMA wal_autocheckpoint = 20000",
    ]

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: self.storage, threadPool: self.threadPool, logger: logger, on: eventLoop)
            .flatMap { connection in
                Self.pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { done, pragma in
                    done.flatMap { connection.query(pragma).map { _ in } }
                }.map { connection }
            }
    }
}

extension StoreDatabase {
    /// A write transaction on the SQLite connection itself, binding `SQLiteData` directly; for
    /// the bulk loader, where SQLKit's per-value encoding costs more than SQLite's inserts.
    /// Nil on PostgreSQL.
    func sqliteWrite<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) async throws -> T) async throws -> T? {
        guard let lender = self.lender as? PoolLender<SQLitePragmaSource> else { return nil }
        await self.writeGate.enter()
        do {
            let result = try await lender.withRawConnection { connection in
                _ = try await connection.query("BEGIN IMMEDIATE").get()
                do {
                    let result = try await body(connection)
                    _ = try await connection.query("COMMIT").get()
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK").get()
                    throw error
                }
            }
            await self.writeGate.leave()
            return result
        } catch {
            await self.writeGate.leave()
            throw error
        }
    }
}
