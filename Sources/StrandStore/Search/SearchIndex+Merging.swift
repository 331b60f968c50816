import SQLKit

/// SQLite's full-text index keeps each write's entries as a new piece and merges pieces later.
/// Left to itself it merges inside whichever write crosses its threshold, hundreds of pages at
/// once (on a million customers that doubled the p99 of saving a quotation), so Strand turns
/// that off (migration 12) and merges a few pages at a time beside the writers
/// (`StoreDatabase.write`). Should 16 pieces of one size pile up all the same, SQLite merges
/// them itself.
extension SearchIndex {
    /// At most this many pages merged in one step: a few milliseconds under the write lock.
    static let pagesPerMergeStep = 32

    /// One step of merging, where some size has four pieces or more (else nothing).
    static func mergeStep(db: any SQLDatabase) async throws {
        try await db.raw("INSERT INTO search_index (search_index, rank) VALUES ('merge', \(bind: Self.pagesPerMergeStep))").run()
    }

    /// How many pieces of a size SQLite lets pile up before merging them inside a write; 0 is
    /// never. A bulk load merges 16 at a time, rewriting the index a third as often as 4 would.
    static func automaticMerging(_ database: StoreDatabase, width: Int) async throws {
        guard database.dialect == .sqlite else { return }
        try await database.write { db in
            try await db.raw("INSERT INTO search_index (search_index, rank) VALUES ('automerge', \(bind: width))").run()
        }
    }

    /// Merges every piece into one after a load, so that the first ordinary writes do not pay
    /// for merging what the load left (a create took 5 times as long).
    static func compact(_ database: StoreDatabase) async throws {
        guard database.dialect == .sqlite else { return }
        try await database.write { try await $0.raw("INSERT INTO search_index (search_index) VALUES ('optimize')").run() }
    }
}
