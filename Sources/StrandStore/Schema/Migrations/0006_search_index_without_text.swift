import SQLKit
import StrandCore

extension SystemMigrations {
    /// SQLite's index kept a second copy of every record's search words, a quarter of a large
    /// database; it only needs the words indexed and the scope columns stored. Rows move over
    /// as they are, so no record needs its words worked out again.
    static func searchIndexWithoutText(_ d: Dialect) -> [String] {
        guard d == .sqlite else { return [] }
        return [
            "ALTER TABLE search_index RENAME TO search_index_with_text",
            """
            CREATE VIRTUAL TABLE search_index USING fts5(terms, entity UNINDEXED, record_id UNINDEXED,
              owner_id UNINDEXED, department_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0',
              detail = none, content = '', contentless_delete = 1, contentless_unindexed = 1)
            """,
            """
            INSERT INTO search_index (rowid, terms, entity, record_id, owner_id, department_id)
            SELECT rowid, terms, entity, record_id, owner_id, department_id FROM search_index_with_text
            """,
            "DROP TABLE search_index_with_text",
        ]
    }
}
