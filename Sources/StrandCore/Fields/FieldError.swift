/// A problem with one field's value, as a catalogue key and its parameters, so each interface
/// language words it itself.
public struct FieldError: Error, Sendable, Equatable {
    public let code: String
    public let params: [String: String]

    public init(_ code: String, _ params: [String: String] = [:]) {
        self.code = code
        self.params = params
    }

    public static let required = FieldError("required")
    public static let invalid = FieldError("invalid")
    public static let negative = FieldError("negative")
}

/// Errors for a whole record, keyed by field.
public struct ValidationFailure: Error, Sendable {
    public var fields: [String: FieldError]

    public init(_ fields: [String: FieldError]) {
        self.fields = fields
    }
}
