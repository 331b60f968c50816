import SQLKit
import StrandCore

/// Mappings kept for reuse: a file with the same headers, for the same entity, maps the same way.
public enum ImportMappings {
    public static func remembered(_ entity: String, headers: [String], db: any SQLDatabase) async throws -> [Int: String]? {
        guard let row = try await db.raw("""
            SELECT mapping FROM import_mappings WHERE entity = \(bind: entity) AND headers = \(bind: self.key(headers))
            """).first() else { return nil }
        let mapping = ImportCodec.settings(try row.decode(column: "mapping", as: String.self)).mapping
        // A mapping of nothing is no choice worth keeping over the suggestions.
        return mapping.isEmpty ? nil : mapping
    }

    public static func remember(_ entity: String, headers: [String], mapping: [Int: String], db: any SQLDatabase) async throws {
        let text = ImportCodec.settings(ImportSettings(mapping: mapping))
        try await db.raw("""
            INSERT INTO import_mappings (entity, headers, mapping, updated_at) VALUES (\(bind: entity), \(bind: self.key(headers)), \(bind: text), \(bind: Clock.millis()))
            ON CONFLICT (entity, headers) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at
            """).run()
    }

    static func key(_ headers: [String]) -> String { headers.joined(separator: "\t") }
}
