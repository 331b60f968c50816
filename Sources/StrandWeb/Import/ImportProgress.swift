import Foundation
import NIOConcurrencyHelpers
import StrandCore
import StrandStore

/// How far the imports this server runs have got, for their progress bars: the rows are
/// written inside one transaction, which no other connection can look into.
public final class ImportProgress: Sendable {
    public struct State: Sendable {
        public var done: Int
        public let total: Int
        public let startedAt: Int64
    }

    private let states = NIOLockedValueBox([Int64: State]())

    public init() {}

    func start(_ id: Int64, total: Int) {
        self.states.withLockedValue { $0[id] = State(done: 0, total: total, startedAt: StrandStore.Clock.millis()) }
    }

    func advance(_ id: Int64, to done: Int) {
        self.states.withLockedValue { $0[id]?.done = done }
    }

    func finish(_ id: Int64) {
        _ = self.states.withLockedValue { $0.removeValue(forKey: id) }
    }

    func state(_ id: Int64) -> State? {
        self.states.withLockedValue { $0[id] }
    }
}
