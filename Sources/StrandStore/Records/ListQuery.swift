import Foundation
import StrandCore

/// What a list page or an API list asks for. Paging is by key: a cursor carries the last row's
/// sort key, so a deep page costs the same as the first and nothing counts the table. A field
/// sorts as (field, updated_at, id), so one index serves both "sort by status" and "status is
/// won, newest first".
public struct ListQuery: Sendable {
    public var filters: [Filter] = []
    public var sort = Sort(column: "updated_at", descending: true)
    public var limit = 50
    public var cursor: Cursor?
    public var search: String?
    /// The recycle bin: deleted records instead of live ones.
    public var deleted = false
    /// Also tell how many records match (`Page.matches`).
    public var counting = false

    public init() {}

    public struct Sort: Sendable, Equatable {
        public var column: String
        public var descending: Bool

        public init(column: String, descending: Bool) {
            self.column = column
            self.descending = descending
        }

        /// `-updated_at` is newest first, `name` is A to Z.
        public init?(parameter: String) {
            let descending = parameter.hasPrefix("-")
            let column = descending ? String(parameter.dropFirst()) : parameter
            guard !column.isEmpty else { return nil }
            self.init(column: column, descending: descending)
        }

        public var parameter: String { (self.descending ? "-" : "") + self.column }
    }

    public struct Filter: Sendable, Equatable {
        public enum Operation: Sendable, Equatable {
            case equals([FieldValue])
            case contains(String)
            case between(FieldValue?, FieldValue?)
        }

        public var column: String
        public var operation: Operation

        public init(column: String, operation: Operation) {
            self.column = column
            self.operation = operation
        }
    }
}

/// The position after (or before) a row in a sorted list, opaque to clients.
public struct Cursor: Sendable, Equatable, Codable {
    public var text: String?
    public var number: Int64?
    /// The row's `updated_at`, the second key when sorting by a field.
    public var updated: Int64?
    public var id: Int64
    /// True for "the page before this row".
    public var backward: Bool

    public init(text: String? = nil, number: Int64? = nil, updated: Int64? = nil, id: Int64, backward: Bool) {
        (self.text, self.number, self.updated, self.id, self.backward) = (text, number, updated, id, backward)
    }

    public var token: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count < 2000, let data = Data(base64Encoded: base64),
              let cursor = try? JSONDecoder().decode(Cursor.self, from: data) else { return nil }
        self = cursor
    }
}

public struct Page: Sendable {
    public var records: [Record]
    public var next: Cursor?
    public var previous: Cursor?
    /// How many records match, when the query asked.
    public var matches: MatchCount?

    public init(records: [Record], next: Cursor?, previous: Cursor?) {
        (self.records, self.next, self.previous) = (records, next, previous)
    }
}
