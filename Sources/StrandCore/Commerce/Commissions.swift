/// A commission rate: holders of `role` earn `percent` (hundredths of a percent) of what they
/// collect on products of `categoryId` (nil: any category, and sales without lines).
public struct CommissionRule: Codable, Sendable, Equatable {
    public var role: String
    public var categoryId: Int64?
    public var percent: Int64

    enum CodingKeys: String, CodingKey {
        case role, percent
        case categoryId = "category_id"
    }

    public init(role: String, categoryId: Int64? = nil, percent: Int64) {
        self.role = role
        self.categoryId = categoryId
        self.percent = percent
    }

    /// The rate for someone holding `roles` on a category: per role the rule naming the
    /// category, else the role's rule for any category; the best of their roles.
    public static func rate(_ rules: [CommissionRule], roles: [String], category: Int64?) -> Int64 {
        roles.compactMap { role in
            let own = rules.filter { $0.role == role }
            return (category.flatMap { category in own.first { $0.categoryId == category } } ?? own.first { $0.categoryId == nil })?.percent
        }.max() ?? 0
    }
}

/// What a commission is earned on: a payment received, or a contract signed (a setting), with
/// the lines that say which categories its amount is for.
public struct CommissionBase: Sendable, Equatable {
    public var source: String
    public var sourceId: Int64
    public var contractId: Int64
    public var contractNumber: String
    public var day: String
    public var amount: Int64
    public var lines: [LineItem]

    public init(source: String, sourceId: Int64, contractId: Int64, contractNumber: String, day: String, amount: Int64, lines: [LineItem]) {
        (self.source, self.sourceId, self.contractId, self.contractNumber) = (source, sourceId, contractId, contractNumber)
        (self.day, self.amount, self.lines) = (day, amount, lines)
    }
}

/// One line of a statement: the part of a base for one category, the rate and the commission.
public struct CommissionLine: Codable, Sendable, Equatable {
    public var source: String
    public var sourceId: Int64
    public var contractId: Int64
    public var contractNumber: String
    public var day: String
    public var categoryId: Int64?
    public var base: Int64
    public var percent: Int64
    public var commission: Int64

    enum CodingKeys: String, CodingKey {
        case source, day, base, percent, commission
        case sourceId = "source_id", contractId = "contract_id", contractNumber = "contract_number", categoryId = "category_id"
    }

    /// A base split across the categories of its contract's lines in proportion to their
    /// totals (the parts add up to the base exactly), each part at its rate, rounded once.
    public static func lines(for base: CommissionBase, rate: (Int64?) -> Int64) -> [CommissionLine] {
        var categories: [Int64?] = [], weights: [Int64] = []
        for line in base.lines {
            if let index = categories.firstIndex(of: line.categoryId) { weights[index] += line.total } else {
                categories.append(line.categoryId)
                weights.append(line.total)
            }
        }
        if categories.isEmpty || weights.reduce(0, +) == 0 { (categories, weights) = ([nil], [1]) }
        return zip(categories, Money.split(base.amount, by: weights)).map { category, part in
            let percent = rate(category)
            return CommissionLine(source: base.source, sourceId: base.sourceId, contractId: base.contractId, contractNumber: base.contractNumber,
                                  day: base.day, categoryId: category, base: part, percent: percent, commission: Money.percent(percent, of: part))
        }
    }
}
