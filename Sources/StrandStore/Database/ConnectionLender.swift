@preconcurrency import AsyncKit
import Logging
import NIOConcurrencyHelpers
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

    /// The driver's own connection, for the bulk loader's direct binds.
    func withRawConnection<T: Sendable>(_ body: @Sendable (Source.Connection) async throws -> T) async throws -> T {
        let connection = try await self.pool.requestConnection().get()
        do {
            let result = try await body(connection)
            self.pool.releaseConnection(connection)
            return result
        } catch {
            self.pool.releaseConnection(connection)
            throw error
        }
    }

    private let closed = NIOLockedValueBox(false)

    func shutdown() async throws {
        guard self.closed.withLockedValue({ let was = $0; $0 = true; return !was }) else { return }
        try await self.pool.shutdownAsync()
    }

    /// A database dropped without `shutdown()` (a finished test, say) still closes its connections.
    deinit {
        if !self.closed.withLockedValue({ $0 }) { self.pool.shutdownGracefully { _ in } }
    }
}
