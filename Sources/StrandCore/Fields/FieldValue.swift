/// A stored value, in the shape of its column: money and decimals are scaled integers (exact),
/// dates are `YYYY-MM-DD` text, date-times are epoch milliseconds, links are record ids.
public enum FieldValue: Sendable, Equatable, Hashable {
    case null
    case text(String)
    case integer(Int64)
    case bool(Bool)
    case list([String])

    public var isEmpty: Bool {
        switch self {
        case .null: true
        case .text(let value): value.isEmpty
        case .list(let values): values.isEmpty
        case .integer, .bool: false
        }
    }

    public var textValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}

/// A value as it arrives from a form or a JSON body, before its field type gives it meaning.
public enum InputValue: Sendable, Equatable {
    case null
    case string(String)
    case number(String)
    case bool(Bool)
    case list([String])
    /// Rows of named values, such as a document's lines.
    case rows([[String: String]])
}
