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
        // An empty value comes back as "" (strings) or null (numbers and moments), so a format
        // is declared only where a value is always there.
        case .email: return self.formatted("email", "an e-mail address")
        case .url: return self.formatted("uri", "a web address")
        case .integer: return .object(["type": .string("integer"), "format": .string("int64"), "nullable": .bool(!self.required)])
        case .link: return .object(["type": .string("integer"), "format": .string("int64"), "nullable": .bool(true),
                                    "description": .string("id of a \(self.linkTo ?? "record")")])
        case .decimal, .money: return .object(["type": .string("string"), "pattern": .string("^-?\\d+(\\.\\d{1,\(self.effectiveScale)})?$"),
                                               "description": .string("exact decimal"), "nullable": .bool(!self.required)])
        case .bool: return .object(["type": .string("boolean")])
        case .date: return self.required ? .object(["type": .string("string"), "format": .string("date")])
            : .object(["type": .string("string"), "pattern": .string("^(\\d{4}-\\d{2}-\\d{2})?$"), "description": .string("a day, or \"\" when empty")])
        case .dateTime: return .object(["type": .string("string"), "format": .string("date-time"), "nullable": .bool(!self.required)])
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

    private func formatted(_ format: String, _ what: String) -> JSON {
        self.required ? .object(["type": .string("string"), "format": .string(format)])
            : .object(["type": .string("string"), "description": .string("\(what), or \"\" when empty")])
    }
}
