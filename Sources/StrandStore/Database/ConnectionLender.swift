@preconcurrency import AsyncKit
import Logging
import NIOCore
import SQLKit

protocol ConnectionLender: Sendable {
    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func shutdown() async throws
}

/// Lends connections from an AsyncKit pool, whichever driver makes them.
/// The pool guards its own state with a lock, which AsyncKit does not declare to the compiler.
final class PoolLender<Source: ConnectionPoolSource>: ConnectionLender, @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<Source>
    let sql: @Sendable (Source.Connection) -> any SQLDatabase

    init(pool: EventLoopGroupConnectionPool<Source>, sql: @escaping @Sendable (Source.Connection) -> any SQLDatabase) {
        self.pool = pool
        self.sql = sql
    }

    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await self.pool.requestConnection().get()
        do {
            let result = try await body(self.sql(connection))
            self.pool.releaseConnection(connection)
            return result
        } catch {
            self.pool.releaseConnection(connection)
            throw error
        }
    }

    func shutdown() async throws {
        try await self.pool.shutdownAsync()
    }
}
