import SQLKit
import StrandCore

/// A record that matches a new one on a duplicate-checked field. For a record outside the
/// actor's scope only its title and owner may be shown.
public struct DuplicateMatch: Sendable, Equatable {
    public let entity: String
    public let field: String
    public let recordId: Int64
    public let title: String
    public let ownerId: Int64?
    public let visible: Bool
}

enum Duplicates {
    /// Looks beyond the actor's scope on purpose: a customer owned by a colleague is exactly the
    /// duplicate a salesperson must hear about.
    static func find(_ entity: EntityDefinition, values: [String: FieldValue], excluding: Int64?, actor: Actor,
                     db: any SQLDatabase) async throws -> [DuplicateMatch] {
        var matches: [DuplicateMatch] = []
        let view = actor.filter(.view, on: entity.key)
        for field in entity.duplicateFields {
            guard let value = values[field.key], !value.isEmpty else { continue }
            let rows = try await db.raw("""
                SELECT id, owner_id, department_id, \(ident: entity.titleField) AS title FROM \(ident: entity.table)
                WHERE \(ident: field.key) = \(field.bind(value)) AND deleted_at IS NULL LIMIT 5
                """).all()
            for row in rows {
                let id = try row.decode(column: "id", as: Int64.self)
                guard id != excluding, !matches.contains(where: { $0.recordId == id }) else { continue }
                let owner = try row.integer("owner_id")
                let department = try row.integer("department_id")
                matches.append(DuplicateMatch(entity: entity.key, field: field.key, recordId: id,
                                              title: try row.decode(column: "title", as: String.self), ownerId: owner,
                                              visible: view.allows(owner: owner, department: department)))
            }
        }
        return matches
    }
}
