import StrandCore

/// The OpenAPI schema of each field type, matching `FieldDefinition.json`.
extension FieldDefinition {
    /// The schema as a property of a record, marked read-only when Strand maintains it.
    var openAPIProperty: JSON {
        guard self.maintained, case .object(var schema) = self.openAPISchema else { return self.openAPISchema }
        schema["readOnly"] = .bool(true)
        return .object(schema)
    }

    var openAPISchema: JSON {
        switch self.type {
        case .text, .longText, .phone: return .object(["type": .string("string"), "maxLength": .int(Int64(self.effectiveMaxLength))])
        case .email: return .object(["type": .string("string"), "format": .string("email")])
        case .url: return .object(["type": .string("string"), "format": .string("uri")])
        case .integer: return .object(["type": .string("integer"), "format": .string("int64")])
        case .link: return .object(["type": .string("integer"), "format": .string("int64"), "nullable": .bool(true),
                                    "description": .string("id of a \(self.linkTo ?? "record")")])
        case .decimal, .money: return .object(["type": .string("string"), "pattern": .string("^-?\\d+(\\.\\d{1,\(self.effectiveScale)})?$"),
                                               "description": .string("exact decimal")])
        case .bool: return .object(["type": .string("boolean")])
        case .date: return .object(["type": .string("string"), "format": .string("date")])
        case .dateTime: return .object(["type": .string("string"), "format": .string("date-time")])
        case .choice: return .object(["type": .string("string"), "enum": .array((self.required ? [] : [JSON.string("")]) + self.options.map(JSON.string))])
        case .files:
            return .object(["type": .string("array"), "items": .object(["type": .string("string")]),
                            "description": .string("ids of files uploaded with POST /api/v1/files")])
        case .people:
            return .object(["type": .string("array"), "items": .object(["type": .string("integer"), "format": .string("int64")]),
                            "maxItems": .int(50), "description": .string("ids of users")])
        case .lines:
            return .object(["type": .string("array"), "items": LineItem.openAPISchema, "maxItems": .int(Int64(LineItems.maximumCount))])
        case .choices:
            let items: JSON = self.options.isEmpty ? .object(["type": .string("string")]) : .object(["type": .string("string"), "enum": .array(self.options.map(JSON.string))])
            return .object(["type": .string("array"), "items": items])
        }
    }
}
