import NIOConcurrencyHelpers
import StrandCore

/// Totals a report worked out, kept until this process next writes, and at most a few seconds
/// (a write by another process, or by a command run beside the server, is not seen here). A
/// board or funnel looked at again and again between changes then reads its index once.
final class ReportCache: Sendable {
    static let maxAge: Int64 = 5_000
    static let maxEntries = 500

    struct Entry {
        let generation: UInt64
        let at: Int64
        let value: any Sendable
    }

    struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
    }

    private let state = NIOLockedValueBox(State())

    /// Called after every write transaction of this process.
    func invalidate() {
        self.state.withLockedValue { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }

    func value<T: Sendable>(_ key: String, compute: () async throws -> T) async throws -> T {
        let now = Clock.millis()
        let (generation, cached) = self.state.withLockedValue { state in (state.generation, state.entries[key]) }
        if let cached, cached.generation == generation, now - cached.at < Self.maxAge, let value = cached.value as? T { return value }
        // Taken before reading, so totals read across a write are never kept as current.
        let value = try await compute()
        self.state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.maxEntries { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(generation: generation, at: now, value: value)
        }
        return value
    }
}
