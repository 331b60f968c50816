extension EntityDefinition {
    /// Product categories, a tree.
    public static let productCategory = EntityDefinition(
        key: "product_category", table: "product_categories", resource: "product_categories", searchCode: 9,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().maxLength(100).searched(.name).listed().sortable().duplicateChecked(),
            FieldDefinition("parent_id", .link).link("product_category").listed().filterable(),
            FieldDefinition("code", .text).maxLength(30).searched(.code).listed(),
        ],
        catalogue: true
    )

    public static let product = EntityDefinition(
        key: "product", table: "products", resource: "products", searchCode: 10,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().searched(.name).listed().sortable(),
            FieldDefinition("code", .text).required().maxLength(50).searched(.code).listed().sortable(),
            FieldDefinition("category_id", .link).link("product_category").listed().filterable(),
            FieldDefinition("unit", .text).maxLength(20).listed(),
            FieldDefinition("specification", .text).listed(),
            FieldDefinition("list_price", .money).required().listed().sortable(),
            FieldDefinition("cost", .money),
            FieldDefinition("tax_rate", .decimal).required().listed(),
            FieldDefinition("discontinued", .bool).listed().filterable(),
            FieldDefinition("description", .longText),
        ],
        rules: ProductRules(),
        catalogue: true,
        uniqueTogether: [["code"]]
    )

    /// Prices for the customers of one grade and/or type, valid between two days.
    public static let priceBook = EntityDefinition(
        key: "price_book", table: "price_books", resource: "price_books", searchCode: 11,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().searched(.name).listed().sortable().duplicateChecked(),
            FieldDefinition("grade", .choice).options(["A", "B", "C", "D"]).listed().filterable(),
            FieldDefinition("customer_type", .choice).options(["direct", "channel", "key_account", "individual"]).listed().filterable(),
            FieldDefinition("valid_from", .date).listed().sortable(),
            FieldDefinition("valid_to", .date).listed().sortable(),
            FieldDefinition("priority", .integer).listed(),
            FieldDefinition("inactive", .bool).listed().filterable(),
        ],
        rules: DateRangeRule(from: "valid_from", to: "valid_to"),
        catalogue: true
    )

    public static let priceBookEntry = EntityDefinition(
        key: "price_book_entry", table: "price_book_entries", resource: "price_book_entries", searchCode: 12,
        titleField: "notes", ownership: .inherited(from: "price_book_id"),
        fields: [
            FieldDefinition("price_book_id", .link).link("price_book").required().listed().filterable(),
            FieldDefinition("product_id", .link).link("product").required().listed().filterable(),
            FieldDefinition("price", .money).required().listed(),
            FieldDefinition("notes", .text).maxLength(100).listed(),
        ],
        catalogue: true,
        uniqueTogether: [["price_book_id", "product_id"]]
    )
}

extension EntityDefinition {
    /// A quotation (报价单): priced lines from the customer's price book, exact totals, a
    /// number, revisions, and approval when a discount goes beyond the author's limit.
    public static let quotation = EntityDefinition(
        key: "quotation", table: "quotations", resource: "quotations", searchCode: 13,
        titleField: "subject", ownership: .owned,
        fields: [
            FieldDefinition("number", .text).maxLength(60).searched(.code).listed().sortable().maintainedByStrand(),
            FieldDefinition("revision", .integer).listed().maintainedByStrand(),
            FieldDefinition("subject", .text).required().searched(.name).listed().sortable(),
            FieldDefinition("customer_id", .link).link("customer").required().listed().filterable(),
            FieldDefinition("opportunity_id", .link).link("opportunity").filterable(),
            FieldDefinition("contact_id", .link).link("contact"),
            FieldDefinition("quote_date", .date).required().listed().sortable(),
            FieldDefinition("valid_until", .date).listed().filterable().sortable(),
            FieldDefinition("status", .choice).options(Self.quotationFlow.statuses).listed().filterable().sortable().maintainedByStrand(),
            FieldDefinition("lines", .lines).required(),
        ] + DocumentTotals.fields + [
            FieldDefinition("payment_terms", .longText),
            FieldDefinition("notes", .longText),
        ],
        trackedFields: ["status"],
        rules: DocumentRules(dates: DateRangeRule(from: "quote_date", to: "valid_until")),
        documentFlow: quotationFlow,
        pricing: PricingSource(customer: "customer_id", day: "quote_date")
    )

    public static let quotationFlow = DocumentFlow(
        statuses: ["draft", "pending", "approved", "sent", "accepted", "rejected", "expired"],
        moves: ["approved": ["sent", "accepted", "rejected"], "sent": ["accepted", "rejected"]],
        revisable: ["approved", "sent", "rejected", "expired"]
    )
}

/// Where a document's lines take their prices from: its customer's price books on its day.
public struct PricingSource: Sendable {
    public let customer: String
    public let day: String
}

/// The totals every priced document keeps from its lines, maintained by Strand.
public enum DocumentTotals {
    public static let fields = [
        FieldDefinition("list_amount", .money).maintainedByStrand(),
        FieldDefinition("discount_amount", .money).maintainedByStrand(),
        FieldDefinition("amount", .money).listed().sortable().maintainedByStrand(),
        FieldDefinition("tax", .money).maintainedByStrand(),
        FieldDefinition("total", .money).listed().sortable().maintainedByStrand(),
        FieldDefinition("max_discount", .decimal).maintainedByStrand(),
    ]

    static func write(_ totals: LineTotals, into values: inout [String: FieldValue]) {
        values["list_amount"] = .integer(totals.listAmount)
        values["discount_amount"] = .integer(totals.discountAmount)
        values["amount"] = .integer(totals.amount)
        values["tax"] = .integer(totals.tax)
        values["total"] = .integer(totals.total)
        values["max_discount"] = .integer(totals.maxDiscount)
    }
}

/// A product's tax rate is a percentage between 0 and 100, and its price is not negative.
public struct ProductRules: RecordRules {
    public func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?, context: RuleContext) -> [String: FieldError] {
        guard let rate = values["tax_rate"]?.integerValue, (0...10_000).contains(rate) else {
            return ["tax_rate": FieldError("out_of_range", ["min": "0", "max": "100"])]
        }
        if let price = values["list_price"]?.integerValue, price < 0 { return ["list_price": FieldError("out_of_range", ["min": "0", "max": "∞"])] }
        return [:]
    }
}

/// An end day is not before its start day.
public struct DateRangeRule: RecordRules {
    public let from: String, to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    public func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?, context: RuleContext) -> [String: FieldError] {
        guard let start = values[self.from]?.textValue, let end = values[self.to]?.textValue, !start.isEmpty, !end.isEmpty,
              end < start else { return [:] }
        return [self.to: FieldError("before_start")]
    }
}

/// A commercial document: its lines priced from the price book (when it prices them itself,
/// rather than copying another document's), its totals from its lines, its days in order.
public struct DocumentRules: RecordRules {
    public let dates: DateRangeRule?

    public init(dates: DateRangeRule? = nil) {
        self.dates = dates
    }

    public func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?, context: RuleContext) -> [String: FieldError] {
        if let errors = self.dates?.apply(to: &values, before: before, context: context), !errors.isEmpty { return errors }
        var lines = LineItems.decode(values["lines"])
        if let prices = context.prices {
            for index in lines.indices {
                let line = lines[index]
                guard let price = prices[line.productId] ?? prices.values.first(where: { line.productId == 0 && $0.code == line.code }),
                      price.active else {
                    return ["lines": FieldError("line_product_unavailable", ["line": String(index + 1)])]
                }
                lines[index].productId = price.productId
                lines[index].price(with: price)
            }
            values["lines"] = .text(LineItems.encode(lines))
        }
        if values["lines"] != nil { DocumentTotals.write(LineTotals(lines), into: &values) }
        return [:]
    }
}
