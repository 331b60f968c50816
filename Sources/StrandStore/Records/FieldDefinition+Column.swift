import SQLKit
import StrandCore

/// How each field type's value is written to and read from its column.
extension FieldDefinition {
    func bind(_ value: FieldValue) -> any SQLExpression { value.sqlExpression }

    func read(from row: any SQLRow) throws -> FieldValue {
        switch self.type {
        case .text, .longText, .email, .phone, .url, .choice, .date, .lines:
            return .text(try row.text(self.key) ?? "")
        case .choices, .files, .people:
            let text = try row.text(self.key) ?? ""
            return .list(text.split(separator: "|").map(String.init))
        case .bool:
            return .bool((try row.integer(self.key) ?? 0) != 0)
        case .integer, .decimal, .money, .dateTime, .link:
            return try row.integer(self.key).map(FieldValue.integer) ?? .null
        }
    }
}

extension Record {
    static func decode(_ row: any SQLRow, entity: EntityDefinition) throws -> Record {
        var values: [String: FieldValue] = [:]
        for field in entity.fields {
            values[field.key] = try field.read(from: row)
        }
        return Record(
            id: try row.decode(column: "id", as: Int64.self),
            version: try row.decode(column: "version", as: Int64.self),
            ownerId: try row.integer("owner_id"),
            departmentId: try row.integer("department_id"),
            createdBy: try row.integer("created_by"),
            updatedBy: try row.integer("updated_by"),
            createdAt: try row.decode(column: "created_at", as: Int64.self),
            updatedAt: try row.decode(column: "updated_at", as: Int64.self),
            deletedAt: try row.integer("deleted_at"),
            values: values
        )
    }
}

extension FieldValue {
    /// The value bound as SQL: lists as "|a|b|", so one tag is found with LIKE '%|tag|%'.
    var sqlExpression: any SQLExpression {
        switch self {
        case .null: SQLLiteral.null
        case .text(let text): SQLBind(text)
        case .integer(let number): SQLBind(number)
        case .bool(let flag): SQLBind(Int64(flag ? 1 : 0))
        case .list(let items): SQLBind(self.listText(items))
        }
    }

    func listText(_ items: [String]) -> String {
        items.isEmpty ? "" : "|" + items.joined(separator: "|") + "|"
    }
}
