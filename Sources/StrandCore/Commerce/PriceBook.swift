/// A price book (价格表): prices for the customers of one grade and/or type (channel), valid
/// between two days. `PriceBook.ranked` is the one place that decides which book prices a
/// customer's quotation, so whoever quotes, the price is the same.
public struct PriceBook: Sendable, Equatable {
    public var id: Int64
    /// Empty: any grade.
    public var grade: String
    /// Empty: any customer type.
    public var customerType: String
    /// `YYYY-MM-DD`; empty: open.
    public var validFrom: String
    public var validTo: String
    public var active: Bool
    /// Between books that fit equally well, the higher priority wins.
    public var priority: Int64

    public init(id: Int64, grade: String = "", customerType: String = "", validFrom: String = "", validTo: String = "",
                active: Bool = true, priority: Int64 = 0) {
        self.id = id
        self.grade = grade
        self.customerType = customerType
        self.validFrom = validFrom
        self.validTo = validTo
        self.active = active
        self.priority = priority
    }

    /// The books that apply to a customer of `grade` and `type` on `day`, best first: a book
    /// naming both grade and type before one naming either, before one for everybody; then
    /// higher priority, the later start, the newer book. A product's price is taken from the
    /// first of these that lists it, else it is the product's list price.
    public static func ranked(_ books: [PriceBook], grade: String, type: String, on day: String) -> [PriceBook] {
        books.filter { $0.applies(grade: grade, type: type, on: day) }.sorted { left, right in
            (left.specificity, left.priority, left.validFrom, left.id) > (right.specificity, right.priority, right.validFrom, right.id)
        }
    }

    func applies(grade: String, type: String, on day: String) -> Bool {
        self.active && (self.grade.isEmpty || self.grade == grade) && (self.customerType.isEmpty || self.customerType == type)
            && (self.validFrom.isEmpty || self.validFrom <= day) && (self.validTo.isEmpty || day <= self.validTo)
    }

    var specificity: Int { (self.grade.isEmpty ? 0 : 1) + (self.customerType.isEmpty ? 0 : 1) }
}
