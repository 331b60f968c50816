import Foundation

/// One line of a quotation, order or contract. A person chooses the product, the quantity and
/// the discount; everything else comes from the product and the customer's price book
/// (`ProductPrice`), so whoever quotes, the price is the same.
public struct LineItem: Codable, Sendable, Equatable {
    public var productId: Int64
    public var name = ""
    public var code = ""
    public var unit = ""
    public var specification = ""
    public var categoryId: Int64?
    /// Hundredths: 1.5 is 150.
    public var quantity: Int64
    /// Fen, from the price book.
    public var listPrice: Int64 = 0
    /// Hundredths of a percent off the list price: 12.5% is 1250.
    public var discount: Int64 = 0
    /// Hundredths of a percent: 13% is 1300.
    public var taxRate: Int64 = 0
    /// What the line costs after discount and before tax, in fen.
    public var amount: Int64 = 0
    public var tax: Int64 = 0
    public var notes = ""

    public init(productId: Int64, quantity: Int64, discount: Int64 = 0, notes: String = "") {
        self.productId = productId
        self.quantity = quantity
        self.discount = discount
        self.notes = notes
    }

    public var total: Int64 { self.amount + self.tax }
    /// The list price times the quantity, before discount.
    public var listAmount: Int64 { Money.rounded(Int128(self.quantity) * Int128(self.listPrice), over: Money.hundredths) }
    /// The discounted price of one unit, as printed; the line's amount is computed from the
    /// list price, not from this rounded figure.
    public var unitPrice: Int64 { Money.rounded(Int128(self.listPrice) * (Money.whole - Int128(self.discount)), over: Money.whole) }

    /// Fills the line from its product's price and computes its amounts: quantity x list price
    /// x (1 - discount), rounded once to the fen; tax is that amount x the rate, rounded once.
    public mutating func price(with product: ProductPrice) {
        self.name = product.name
        self.code = product.code
        self.unit = product.unit
        self.specification = product.specification
        self.categoryId = product.categoryId
        self.listPrice = product.listPrice
        self.taxRate = product.taxRate
        self.amount = Money.rounded(Int128(self.quantity) * Int128(self.listPrice) * (Money.whole - Int128(self.discount)),
                                    over: Money.hundredths * Money.whole)
        self.tax = Money.percent(self.taxRate, of: self.amount)
    }
}

/// What a product costs a given customer on a given day, found by `PriceBook.pick`.
public struct ProductPrice: Sendable, Equatable {
    public var productId: Int64
    public var name: String
    public var code: String
    public var unit: String
    public var specification: String
    public var categoryId: Int64?
    public var listPrice: Int64
    public var taxRate: Int64
    public var active: Bool

    public init(productId: Int64, name: String, code: String = "", unit: String = "", specification: String = "",
                categoryId: Int64? = nil, listPrice: Int64, taxRate: Int64, active: Bool = true) {
        self.productId = productId
        self.name = name
        self.code = code
        self.unit = unit
        self.specification = specification
        self.categoryId = categoryId
        self.listPrice = listPrice
        self.taxRate = taxRate
        self.active = active
    }
}

/// A document's totals: the sums of its lines, never rounded again.
public struct LineTotals: Sendable, Equatable {
    public var listAmount: Int64 = 0
    public var amount: Int64 = 0
    public var tax: Int64 = 0
    /// The deepest discount of any line, which decides whether the document needs approval.
    public var maxDiscount: Int64 = 0

    public init(_ lines: [LineItem]) {
        for line in lines {
            self.listAmount += line.listAmount
            self.amount += line.amount
            self.tax += line.tax
            self.maxDiscount = max(self.maxDiscount, line.discount)
        }
    }

    public var total: Int64 { self.amount + self.tax }
    public var discountAmount: Int64 { self.listAmount - self.amount }
}

/// Lines as they are stored: a JSON array in the document's row, written and read only here.
public enum LineItems {
    public static let maximumCount = 1_000

    public static func encode(_ lines: [LineItem]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(lines)) ?? Data("[]".utf8), as: UTF8.self)
    }

    public static func decode(_ value: FieldValue?) -> [LineItem] {
        guard let text = value?.textValue, !text.isEmpty else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return (try? decoder.decode([LineItem].self, from: Data(text.utf8))) ?? []
    }
}
