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

    enum CodingKeys: String, CodingKey {
        case name, code, unit, specification, quantity, discount, amount, tax, notes
        case productId = "product_id", categoryId = "category_id", listPrice = "list_price", taxRate = "tax_rate"
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

    enum CodingKeys: String, CodingKey {
        case name, code, unit, specification, quantity, discount, amount, tax, notes
        case productId = "product_id", categoryId = "category_id", listPrice = "list_price", taxRate = "tax_rate"
    }

    public var total: Int64 { self.amount + self.tax }
    public var discountAmount: Int64 { self.listAmount - self.amount }
}

/// Lines as they are stored: a JSON array in the document's row, written and read only here.
/// Written by hand in one pass (keys sorted, as `JSONEncoder` would with `.sortedKeys`), since
/// a 200-line document is written and read several times in one save.
public enum LineItems {
    public static let maximumCount = 1_000

    public static func encode(_ lines: [LineItem]) -> String {
        let text = self.written(lines)
        self.recent.keep(text, lines)
        return text
    }

    static func written(_ lines: [LineItem]) -> String {
        var out = "["
        out.reserveCapacity(lines.count * 260)
        for (index, line) in lines.enumerated() {
            if index > 0 { out += "," }
            out += "{\"amount\":\(line.amount),\"category_id\":" + (line.categoryId.map(String.init) ?? "null")
            out += ",\"code\":" + quoted(line.code) + ",\"discount\":\(line.discount),\"list_price\":\(line.listPrice),\"name\":" + quoted(line.name)
            out += ",\"notes\":" + quoted(line.notes) + ",\"product_id\":\(line.productId),\"quantity\":\(line.quantity)"
            out += ",\"specification\":" + quoted(line.specification) + ",\"tax\":\(line.tax),\"tax_rate\":\(line.taxRate),\"unit\":" + quoted(line.unit) + "}"
        }
        return out + "]"
    }

    /// Each line as "code × quantity" with its discount, "; " between lines: what a person chose.
    public static func summary(_ lines: [LineItem]) -> String {
        lines.map { line in
            "\(line.code) × \(ScaledDecimal.format(line.quantity, scale: 2))" + (line.discount > 0 ? " -\(ScaledDecimal.format(line.discount, scale: 2))%" : "")
        }.joined(separator: "; ")
    }

    public static func decode(_ value: FieldValue?) -> [LineItem] {
        guard let text = value?.textValue, !text.isEmpty else { return [] }
        if let lines = self.recent.lines(for: text) { return lines }
        let lines = self.read(text)
        self.recent.keep(text, lines)
        return lines
    }

    static func read(_ text: String) -> [LineItem] {
        guard case .array(let items)? = try? JSON.parse(text) else { return [] }
        return items.compactMap { item in
            guard case .object(let members) = item else { return nil }
            func number(_ key: String) -> Int64? { if case .number(let digits)? = members[key] { Int64(digits) } else { nil } }
            func text(_ key: String) -> String { if case .string(let value)? = members[key] { value } else { "" } }
            var line = LineItem(productId: number("product_id") ?? 0, quantity: number("quantity") ?? 0, discount: number("discount") ?? 0,
                                notes: text("notes"))
            (line.name, line.code, line.unit, line.specification) = (text("name"), text("code"), text("unit"), text("specification"))
            (line.categoryId, line.listPrice, line.taxRate) = (number("category_id"), number("list_price") ?? 0, number("tax_rate") ?? 0)
            (line.amount, line.tax) = (number("amount") ?? 0, number("tax") ?? 0)
            return line
        }
    }

    /// The lines last written or read, by their text: one save writes a document's lines once
    /// and reads them back several times (pricing, rules, the response).
    static let recent = Recent()

    final class Recent: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(text: String, lines: [LineItem])] = []

        func lines(for text: String) -> [LineItem]? {
            self.lock.withLock { self.entries.first { $0.text == text }?.lines }
        }

        func keep(_ text: String, _ lines: [LineItem]) {
            self.lock.withLock {
                if self.entries.contains(where: { $0.text == text }) { return }
                if self.entries.count >= 16 { self.entries.removeFirst() }
                self.entries.append((text, lines))
            }
        }
    }

    static func quoted(_ text: String) -> String {
        var out = ""
        JSON.quote(text, into: &out)
        return out
    }
}
