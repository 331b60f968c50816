import SQLKit
import StrandCore

/// Writes the times of `EntityDefinition.stamps` onto linked records, inside the write's
/// transaction. A stamp is a derived value, so it neither bumps the parent's version nor audits.
enum ParentStamps {
    static func apply(_ entity: EntityDefinition, _ record: Record, before: Record?, catalog: EntityCatalog,
                      db: any SQLDatabase) async throws {
        for stamp in entity.stamps {
            if let condition = stamp.condition {
                guard record[condition.field].textValue == condition.value,
                      before?[condition.field].textValue != condition.value else { continue }
            }
            guard let parentId = record[stamp.link].integerValue, let parentKey = entity.field(stamp.link)?.linkTo,
                  let parent = catalog.entity(parentKey),
                  let time = stamp.source.map({ record[$0].integerValue }) ?? record.updatedAt else { continue }
            try await db.raw("""
                UPDATE \(ident: parent.table) SET \(ident: stamp.target) = \(bind: time)
                WHERE id = \(bind: parentId) AND (\(ident: stamp.target) IS NULL OR \(ident: stamp.target) < \(bind: time))
                """).run()
        }
    }
}
