import SQLKit
import StrandCore

/// Field sets no two live records may share (`EntityDefinition.uniqueTogether`): checked here
/// with the error beside the last field, and held by a unique index of live records.
enum UniqueKeys {
    static func check(_ entity: EntityDefinition, values: [String: FieldValue], recordId: Int64?, db: any SQLDatabase) async throws {
        for key in entity.uniqueTogether {
            let conditions = key.map { field in
                SQLQueryString("\(ident: field) = \((values[field] ?? .null).sqlExpression)")
            }
            let taken = try await db.raw("""
                SELECT id FROM \(ident: entity.table) WHERE \(SQLList(conditions, separator: SQLRaw(" AND ")))
                  AND deleted_at IS NULL AND id <> \(bind: recordId ?? 0) LIMIT 1
                """).first()
            if taken != nil, let last = key.last { throw RecordError.invalid(ValidationFailure([last: FieldError("taken")])) }
        }
    }
}
