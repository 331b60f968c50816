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
        case .people:
            if case .list(let ids) = value { return .array(ids.compactMap { Int64($0) }.map { JSON.int($0) }) }
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
        case .lines:
            return .array(LineItems.decode(value).map(\.json))
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
        case .array(let items) where items.contains(where: { if case .object = $0 { true } else { false } }):
            .rows(items.map(\.cells))
        case .array(let items): .list(items.compactMap { if case .string(let text) = $0 { text } else if case .number(let n) = $0 { n } else { nil } })
        case .object: .string("\u{0}")
        }
    }
}

extension JSON {
    /// An object's members as the text a field parses: a row of lines.
    var cells: [String: String] {
        guard case .object(let members) = self else { return [:] }
        return members.compactMapValues { member in
            switch member {
            case .string(let text), .number(let text): text
            case .bool(let flag): flag ? "true" : "false"
            case .null: ""
            case .array, .object: nil
            }
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
