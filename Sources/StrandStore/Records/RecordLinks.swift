import SQLKit
import StrandCore

/// Checks that every link points at a live record the actor can see, that links between
/// siblings stay under one parent (a follow-up's contact belongs to its customer) and links
/// between relatives under one grandparent (a deal's contact belongs to the deal's customer),
/// and that a link to the same entity makes no cycle (a contact never reports to itself).
enum RecordLinks {
    static func check(_ entity: EntityDefinition, values: [String: FieldValue], recordId: Int64?, catalog: EntityCatalog,
                      actor: Actor, db: any SQLDatabase) async throws {
        var errors: [String: FieldError] = [:]
        for field in entity.fields where field.type == .link {
            guard let targetId = values[field.key]?.integerValue, let targetKey = field.linkTo,
                  let target = catalog.entity(targetKey) else { continue }
            guard let linked = try await RecordStore.find(target, id: targetId, scope: actor.filter(.view, on: targetKey), db: db) else {
                errors[field.key] = FieldError("not_found")
                continue
            }
            if self.disagrees(entity, values: values, linked: linked, target: target, field: field.key) {
                errors[field.key] = FieldError("other_parent")
            } else if try await self.otherFamily(entity, values: values, linked: linked, target: target, field: field.key,
                                                 catalog: catalog, db: db) {
                errors[field.key] = FieldError("other_parent")
            } else if target.key == entity.key, let recordId,
                      try await self.reaches(recordId, from: linked, field: field.key, entity: entity, db: db) {
                errors[field.key] = FieldError("cycle")
            }
        }
        for field in entity.fields where field.type == .people {
            guard case .list(let texts) = values[field.key] ?? .null, !texts.isEmpty else { continue }
            let ids = texts.compactMap { Int64($0) }
            let active = try await db.raw("SELECT COUNT(*) AS n FROM users WHERE active = 1 AND id IN \(SQLGroupExpression.binds(ids))").first()?.integer("n")
            if active != Int64(ids.count) { errors[field.key] = FieldError("inactive_user") }
        }
        if !errors.isEmpty { throw RecordError.invalid(ValidationFailure(errors)) }
    }

    /// Whether the linked record points elsewhere than the record does for a shared target: a
    /// follow-up's contact, or a quotation's contact and deal, belong to its customer.
    static func disagrees(_ entity: EntityDefinition, values: [String: FieldValue], linked: Record, target: EntityDefinition,
                          field: String) -> Bool {
        entity.fields.contains { other in
            guard other.type == .link, other.key != field, let mine = values[other.key]?.integerValue else { return false }
            return target.fields.contains { $0.type == .link && $0.required && $0.linkTo == other.linkTo && linked[$0.key].integerValue != mine }
        }
    }

    /// Whether the linked record hangs under another record than the record's own parent does:
    /// a deal's contact must be a contact of the deal's customer.
    static func otherFamily(_ entity: EntityDefinition, values: [String: FieldValue], linked: Record, target: EntityDefinition,
                            field: String, catalog: EntityCatalog, db: any SQLDatabase) async throws -> Bool {
        guard let link = entity.ownerLinkField, link != field, let targetLink = target.ownerLinkField, targetLink != link,
              let parentKey = entity.field(link)?.linkTo, let parentEntity = catalog.entity(parentKey), parentEntity.field(targetLink) != nil,
              let parentId = values[link]?.integerValue,
              let parent = try await RecordStore.find(parentEntity, id: parentId, scope: ScopeFilter(.everything), db: db) else { return false }
        return parent[targetLink] != linked[targetLink]
    }

    /// Whether following `field` upwards from `start` arrives at `recordId`.
    static func reaches(_ recordId: Int64, from start: Record, field: String, entity: EntityDefinition,
                        db: any SQLDatabase) async throws -> Bool {
        var current: Record? = start
        var steps = 0
        while let record = current, steps < 100 {
            if record.id == recordId { return true }
            guard let next = record[field].integerValue else { return false }
            current = try await RecordStore.find(entity, id: next, scope: ScopeFilter(.everything), db: db)
            steps += 1
        }
        return steps >= 100
    }
}
