import Foundation

/// Rules an entity keeps between its own fields, applied by the write pipeline on every create
/// and update, whichever way the write came (form, API, import, bulk action).
public protocol RecordRules: Sendable {
    /// Fills derived values in `values` (the record as it will be saved) and returns errors per
    /// field; `before` is the record as stored, nil when creating.
    func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?, context: RuleContext) -> [String: FieldError]
}

/// What rules may consult besides the record: the configuration and the time of the write.
public struct RuleContext: Sendable {
    public let setup: SalesSetup
    /// Epoch milliseconds.
    public let now: Int64
    /// The prices of the products the record's lines name, for its customer and day; nil for
    /// an entity that does not price its lines (an order copies its quotation's).
    public let prices: [Int64: ProductPrice]?
    /// The writer's time zone: the wall clock a repeating event keeps.
    public let timeZone: TimeZone

    public init(setup: SalesSetup, now: Int64, prices: [Int64: ProductPrice]? = nil, timeZone: TimeZone) {
        self.setup = setup
        self.now = now
        self.prices = prices
        self.timeZone = timeZone
    }
}
