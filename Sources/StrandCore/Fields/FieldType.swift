/// Every kind of field an entity can have. Each behaviour of a type (storage, parsing, display,
/// JSON, OpenAPI) is one exhaustive `switch` in its own file, so adding a case makes the compiler
/// list every place that must handle it.
public enum FieldType: String, Sendable, CaseIterable, Codable {
    case text, longText, integer, decimal, money, bool, date, dateTime
    case email, phone, url, choice, choices, link
    /// Uploaded files, by their ids.
    case files
    /// Strand's users chosen by id (an event's participants).
    case people
    /// Priced lines of products (a quotation's, an order's), kept as one JSON array.
    case lines
}

/// How a value is kept in a column: all types map onto two physical types, which behave the
/// same on SQLite and PostgreSQL (text sorts byte-wise under the C collation, integers exactly).
public enum StorageKind: Sendable {
    case text
    case integer
}

extension FieldType {
    public var storage: StorageKind {
        switch self {
        case .text, .longText, .email, .phone, .url, .choice, .choices, .date, .files, .people, .lines: .text
        case .integer, .decimal, .money, .bool, .dateTime, .link: .integer
        }
    }

    /// Its value is a list of texts (`FieldValue.list`).
    public var holdsList: Bool { self == .choices || self == .files || self == .people }
}
