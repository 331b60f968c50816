import StrandCore
import StrandStore

/// How each field type appears in the API: money and decimals as exact strings, date-times in
/// ISO 8601 UTC, links as ids.
extension FieldDefinition {
    func json(_ value: FieldValue) -> JSON {
        switch self.type {
        case .text, .longText, .email, .phone, .url, .choice, .date:
            return .string(value.textValue ?? "")
        case .choices, .files:
            if case .list(let items) = value { return .array(items.map(JSON.string)) }
            return .array([])
        case .bool:
            if case .bool(let flag) = value { return .bool(flag) }
            return .bool(false)
        case .integer, .link:
            return .int(value.integerValue)
        case .decimal, .money:
            return value.integerValue.map { .string(ScaledDecimal.format($0, scale: self.effectiveScale)) } ?? .null
        case .dateTime:
            return value.integerValue.map { .string(DateTimeText.iso($0)) } ?? .null
        }
    }
}

extension JSON {
    /// A JSON member as the raw input a field type parses.
    var input: InputValue {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let digits): .number(digits)
        case .string(let text): .string(text)
        case .array(let items): .list(items.compactMap { if case .string(let text) = $0 { text } else if case .number(let n) = $0 { n } else { nil } })
        case .object: .string("\u{0}")
        }
    }
}

extension Record {
    func json(_ entity: EntityDefinition, actor: Actor) -> JSON {
        var members: [String: JSON] = [
            "id": .int(self.id), "version": .int(self.version), "owner_id": .int(self.ownerId),
            "department_id": .int(self.departmentId), "created_at": .string(DateTimeText.iso(self.createdAt)),
            "updated_at": .string(DateTimeText.iso(self.updatedAt)), "created_by": .int(self.createdBy),
        ]
        for field in entity.fields where actor.access(to: field.key, of: entity.key) != .hidden {
            members[field.key] = field.json(self[field.key])
        }
        return .object(members)
    }
}
