import Foundation
import Logging
import SQLKit
import StrandCore

public enum Dialect: String, Sendable {
    case sqlite, postgres
}

/// The one handle on the database that every store function goes through: reads borrow a
/// connection, writes run in a transaction that takes SQLite's write lock up front.
public final class StoreDatabase: Sendable {
    public let dialect: Dialect
    let lender: any ConnectionLender
    /// Serialises this process's SQLite writers so they queue here rather than spin in SQLite's
    /// busy handler; the busy timeout then only covers other processes.
    let writeGate = AsyncGate()
    let reports = ReportCache()
    let checkpoints = Checkpoints()

    init(dialect: Dialect, lender: any ConnectionLender) {
        self.dialect = dialect
        self.lender = lender
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await self.lender.withConnection(body)
    }

    /// Runs `body` in one transaction: `BEGIN IMMEDIATE` on SQLite, so a read-then-write never
    /// fails half way with SQLITE_BUSY; everything or nothing is written.
    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        defer { self.reports.invalidate() }
        guard self.dialect == .sqlite else { return try await self.transaction("BEGIN", body) }
        await self.writeGate.enter()
        do {
            let result = try await self.transaction("BEGIN IMMEDIATE", body)
            await self.writeGate.leave()
            self.checkpointIfDue()
            return result
        } catch {
            await self.writeGate.leave()
            throw error
        }
    }

    private func transaction<T: Sendable>(_ begin: String,
                                          _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await self.lender.withConnection { db in
            try await db.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Every few writes, off the write path: a step of merging the full-text index
    /// (`SearchIndex.mergeStep`), then one passive checkpoint, SQLite copying the log into the
    /// database beside the writers instead of inside whichever write fills the log. A large
    /// write counts as `writes` (readers search a long log on every page they read).
    func checkpointIfDue(writes: Int = 1) {
        guard self.dialect == .sqlite, self.checkpoints.due(writes: writes) else { return }
        Task.detached { [self] in
            _ = try? await self.write { try await SearchIndex.mergeStep(db: $0) }
            _ = try? await self.lender.withConnection { try await $0.raw("PRAGMA wal_checkpoint(PASSIVE)").run() }
            self.checkpoints.done()
        }
    }

    public func shutdown() async {
        try? await self.lender.shutdown()
    }
}

/// When a background checkpoint is due: after `every` writes, one at a time.
final class Checkpoints: @unchecked Sendable {
    private let lock = NSLock()
    private var writes = 0
    private var running = false
    static let every = 16

    func due(writes: Int) -> Bool {
        self.lock.withLock {
            self.writes += writes
            guard self.writes >= Self.every, !self.running else { return false }
            (self.writes, self.running) = (0, true)
            return true
        }
    }

    func done() {
        self.lock.withLock { self.running = false }
    }
}

/// A first-come first-served async lock.
actor AsyncGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !self.busy { self.busy = true; return }
        await withCheckedContinuation { self.waiting.append($0) }
    }

    func leave() {
        if self.waiting.isEmpty { self.busy = false } else { self.waiting.removeFirst().resume() }
    }
}
