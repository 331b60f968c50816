import SQLKit
import StrandCore

extension SystemMigrations {
    /// SQLite's full-text index no longer merges inside writes; `SearchIndex.mergeStep` does.
    static func searchIndexMergedInSteps(_ d: Dialect) -> [String] {
        d == .sqlite ? ["INSERT INTO search_index (search_index, rank) VALUES ('automerge', 0)"] : []
    }
}
