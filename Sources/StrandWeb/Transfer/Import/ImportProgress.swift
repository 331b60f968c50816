import Foundation
import NIOConcurrencyHelpers
import StrandCore
import StrandOffice
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

    /// Which import, sheet and encoding a kept table was read as.
    struct TableKey: Hashable {
        let id: Int64
        let sheet: Int
        let encoding: CsvText.Encoding?
    }

    /// The file last read for an import, so that its mapping, preview and run do not read a
    /// large workbook again and again, and its last preview, which the next page and the run
    /// take again while nothing it depends on has changed; only one, so that memory stays bounded.
    private let lastTable = NIOLockedValueBox<(key: TableKey, table: ImportTable, preview: ImportPreview?)?>(nil)

    public init() {}

    func start(_ id: Int64, total: Int) {
        self.states.withLockedValue { $0[id] = State(done: 0, total: total, startedAt: StrandStore.Clock.millis()) }
    }

    func advance(_ id: Int64, to done: Int) {
        self.states.withLockedValue { $0[id]?.done = done }
    }

    func finish(_ id: Int64) {
        _ = self.states.withLockedValue { $0.removeValue(forKey: id) }
        self.lastTable.withLockedValue { if $0?.key.id == id { $0 = nil } }
    }

    func keep(_ table: ImportTable, as key: TableKey) {
        self.lastTable.withLockedValue { $0 = (key, table, nil) }
    }

    func keep(_ preview: ImportPreview, of key: TableKey) {
        self.lastTable.withLockedValue { if $0?.key == key { $0?.preview = preview } }
    }

    func table(_ key: TableKey) -> ImportTable? {
        self.lastTable.withLockedValue { $0?.key == key ? $0?.table : nil }
    }

    func preview(_ key: TableKey) -> ImportPreview? {
        self.lastTable.withLockedValue { $0?.key == key ? $0?.preview : nil }
    }

    func state(_ id: Int64) -> State? {
        self.states.withLockedValue { $0[id] }
    }
}
