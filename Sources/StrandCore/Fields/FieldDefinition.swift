/// What role a field plays in the quick search, which decides the terms it is indexed under.
public enum SearchRole: Sendable {
    case name, phone, email, code
}

public enum TextFormat: Sendable {
    /// The unified social credit code, checked by its check character and kept upper case.
    case creditCode
}

public struct FieldDefinition: Sendable {
    public let key: String
    public let type: FieldType
    public var required = false
    public var maxLength: Int?
    /// Keys of the allowed values of a choice field; empty on `choices` means free tags.
    public var options: [String] = []
    /// The entity whose words name these options, when they are a list shared with it (a
    /// lead's sources are a customer's), so each option is translated once.
    public var optionWordsOf: String?
    /// An integer that is a percentage (a deal's probability), shown with `%`.
    public var percent = false
    /// The entity a link field points to.
    public var linkTo: String?
    /// Decimal places kept by `decimal` (money always keeps 2, to the fen).
    public var scale = 2
    public var search: SearchRole?
    /// Shown as a column on the list page.
    public var listed = false
    /// Offered as a filter on the list page and `filter[key]` in the API.
    public var filterable = false
    /// Offered as a sort. An empty number or moment sorts before every value.
    public var sortable = false
    /// Part of the duplicate check on create.
    public var duplicateCheck = false
    /// A duplicate only among the records under the same parent, by this link (a contact's
    /// mobile under one customer): two customers may well share a switchboard contact.
    public var duplicateWithin: String?
    /// A flag only one record linked by this field may hold (a customer's primary contact):
    /// setting it on one clears it on the others.
    public var oneWithin: String?
    /// Created by an administrator at run time rather than by Strand.
    public var custom = false
    /// A stricter format some text fields follow.
    public var format: TextFormat?
    /// Kept by Strand from other records (a customer's last follow-up), never typed: forms
    /// leave it out and a write that sends it is refused.
    public var maintained = false
    /// A choice whose options an administrator keeps (pipelines, stages, lost reasons);
    /// `SalesSetup.resolve` fills `options` and `optionLabels` from the database.
    public var configured: ConfiguredList?
    /// Names of configured options; an option without one reads as its translated name.
    public var optionLabels: [String: String] = [:]
    /// What a new record holds when it is created without a value here (a lead is new).
    public var initial: String?

    /// A name sorts in pinyin order, as a Chinese reader looks one up, by a key Strand keeps
    /// beside it; other text sorts as stored.
    public var sortsByPinyin: Bool { self.sortable && self.type == .text && self.search == .name }

    public init(_ key: String, _ type: FieldType) {
        self.key = key
        self.type = type
    }

    public var effectiveMaxLength: Int {
        if let maxLength { return maxLength }
        switch self.type {
        case .longText: return 10_000
        case .url: return 500
        default: return 200
        }
    }

    public var effectiveScale: Int { self.type == .money ? 2 : self.scale }
}

/// A small builder vocabulary so entity catalogues read as a table.
extension FieldDefinition {
    public func required(_ flag: Bool = true) -> Self { var copy = self; copy.required = flag; return copy }
    public func options(_ keys: [String]) -> Self { var copy = self; copy.options = keys; return copy }
    public func percent(_ flag: Bool = true) -> Self { var copy = self; copy.percent = flag; return copy }
    public func options(_ keys: [String], wordsOf entity: String) -> Self {
        var copy = self.options(keys)
        copy.optionWordsOf = entity
        return copy
    }
    public func link(_ entity: String) -> Self { var copy = self; copy.linkTo = entity; return copy }
    public func searched(_ role: SearchRole) -> Self { var copy = self; copy.search = role; return copy }
    public func listed(_ flag: Bool = true) -> Self { var copy = self; copy.listed = flag; return copy }
    public func filterable(_ flag: Bool = true) -> Self { var copy = self; copy.filterable = flag; return copy }
    public func sortable(_ flag: Bool = true) -> Self { var copy = self; copy.sortable = flag; return copy }
    public func duplicateChecked(within link: String? = nil) -> Self {
        var copy = self
        (copy.duplicateCheck, copy.duplicateWithin) = (true, link)
        return copy
    }
    public func oneWithin(_ link: String) -> Self { var copy = self; copy.oneWithin = link; return copy }
    public func format(_ format: TextFormat) -> Self { var copy = self; copy.format = format; return copy }
    public func maxLength(_ length: Int) -> Self { var copy = self; copy.maxLength = length; return copy }
    public func initial(_ value: String) -> Self { var copy = self; copy.initial = value; return copy }
    public func maintainedByStrand() -> Self { var copy = self; copy.maintained = true; return copy }
    public func options(from list: ConfiguredList) -> Self { var copy = self; copy.configured = list; return copy }
}
