import SQLKit

/// Nullable columns read as plain types: drivers convert `String` and `Int64` directly, while
/// an `Optional` goes through a generic decoder many times slower, which a list of fifty rows
/// of thirty columns feels.
extension SQLRow {
    func text(_ column: String) throws -> String? {
        try self.decodeNil(column: column) ? nil : try self.decode(column: column, as: String.self)
    }

    func integer(_ column: String) throws -> Int64? {
        try self.decodeNil(column: column) ? nil : try self.decode(column: column, as: Int64.self)
    }
}
