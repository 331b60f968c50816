import SQLKit
import StrandCore

extension RecordService {
    /// A flag only one record of a parent may hold (`FieldDefinition.oneWithin`): the record
    /// that has just taken it clears it on its siblings, each through the write pipeline, so
    /// their history and versions say so.
    func clearSiblings(of entity: EntityDefinition, _ record: Record, context: WriteContext, db: any SQLDatabase) async throws {
        for field in entity.fields where field.oneWithin != nil && record[field.key] == .bool(true) {
            guard let link = field.oneWithin, let parent = record[link].integerValue else { continue }
            let siblings = try await db.raw("""
                SELECT id FROM \(ident: entity.table) WHERE \(ident: link) = \(bind: parent) AND \(ident: field.key) = \(FieldValue.bool(true).sqlExpression)
                AND id <> \(bind: record.id) AND deleted_at IS NULL
                """).all().map { try $0.decode(column: "id", as: Int64.self) }
            for sibling in siblings {
                _ = try await self.update(entity, id: sibling, input: [field.key: .bool(false)], expectedVersion: nil, context: context, in: db)
            }
        }
    }
}
