extension EntityDefinition {
    /// Product categories, a tree.
    public static let productCategory = EntityDefinition(
        key: EntityKey.productCategory, table: "product_categories", resource: "product_categories", searchCode: 9,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().maxLength(100).searched(.name).listed().sortable().duplicateChecked(),
            FieldDefinition("parent_id", .link).link("product_category").listed().filterable(),
            FieldDefinition("code", .text).maxLength(30).searched(.code).listed(),
        ],
        catalogue: true
    ).inArea(.commerce)

    public static let product = EntityDefinition(
        key: EntityKey.product, table: "products", resource: "products", searchCode: 10,
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
    ).inArea(.commerce)

    /// Prices for the customers of one grade and/or type, valid between two days.
    public static let priceBook = EntityDefinition(
        key: EntityKey.priceBook, table: "price_books", resource: "price_books", searchCode: 11,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().searched(.name).listed().sortable().duplicateChecked(),
            FieldDefinition("grade", .choice).options(["A", "B", "C", "D"], wordsOf: "customer").listed().filterable(),
            FieldDefinition("customer_type", .choice).options(["direct", "channel", "key_account", "individual"]).listed().filterable(),
            FieldDefinition("valid_from", .date).listed().sortable(),
            FieldDefinition("valid_to", .date).listed().sortable(),
            FieldDefinition("priority", .integer).listed(),
            FieldDefinition("inactive", .bool).listed().filterable(),
        ],
        rules: DateRangeRule(from: "valid_from", to: "valid_to"),
        catalogue: true
    ).inArea(.commerce)

    public static let priceBookEntry = EntityDefinition(
        key: EntityKey.priceBookEntry, table: "price_book_entries", resource: "price_book_entries", searchCode: 12,
        titleField: "notes", ownership: .inherited(from: "price_book_id"),
        fields: [
            FieldDefinition("price_book_id", .link).link("price_book").required().listed().filterable(),
            FieldDefinition("product_id", .link).link("product").required().listed().filterable(),
            FieldDefinition("price", .money).required().listed(),
            FieldDefinition("notes", .text).maxLength(100).listed(),
        ],
        catalogue: true,
        uniqueTogether: [["price_book_id", "product_id"]]
    ).inArea(.commerce)
}

extension EntityDefinition {
    /// A quotation (报价单): priced lines from the customer's price book, exact totals, a
    /// number, revisions, and approval when a discount goes beyond the author's limit.
    public static let quotation = EntityDefinition(
        key: EntityKey.quotation, table: "quotations", resource: "quotations", searchCode: 13,
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
    ).inArea(.commerce)

    public static let quotationFlow = DocumentFlow(
        statuses: ["draft", "pending", "approved", "sent", "accepted", "rejected", "expired"],
        moves: ["approved": ["sent", "accepted", "rejected"], "sent": ["accepted", "rejected"]],
        revisable: ["approved", "sent", "rejected", "expired"],
        derivable: ["sales_order": ["accepted"], "contract": ["accepted"]]
    )

    /// An order (订单), made from an accepted quotation with its lines as they were accepted.
    public static let salesOrder = EntityDefinition(
        key: EntityKey.salesOrder, table: "sales_orders", resource: "orders", searchCode: 14,
        titleField: "subject", ownership: .owned,
        fields: [
            FieldDefinition("number", .text).maxLength(60).searched(.code).listed().sortable().maintainedByStrand(),
            FieldDefinition("subject", .text).required().searched(.name).listed().sortable(),
            FieldDefinition("customer_id", .link).link("customer").required().listed().filterable(),
            FieldDefinition("opportunity_id", .link).link("opportunity").filterable(),
            FieldDefinition("quotation_id", .link).link("quotation").filterable(),
            FieldDefinition("contact_id", .link).link("contact"),
            FieldDefinition("order_date", .date).required().listed().sortable(),
            FieldDefinition("delivery_date", .date).listed().filterable().sortable(),
            FieldDefinition("status", .choice).options(Self.orderFlow.statuses).listed().filterable().sortable().maintainedByStrand(),
            FieldDefinition("lines", .lines).maintainedByStrand(),
        ] + DocumentTotals.fields + [
            FieldDefinition("shipping_address", .text),
            FieldDefinition("payment_terms", .longText),
            FieldDefinition("notes", .longText),
        ],
        trackedFields: ["status"],
        rules: DocumentRules(dates: DateRangeRule(from: "order_date", to: "delivery_date")),
        documentFlow: orderFlow
    ).inArea(.commerce)

    public static let orderFlow = DocumentFlow(
        statuses: ["confirmed", "in_delivery", "delivered", "cancelled"], initial: "confirmed", editable: ["confirmed", "in_delivery"],
        approved: false, moves: ["confirmed": ["in_delivery", "delivered", "cancelled"], "in_delivery": ["delivered", "cancelled"]],
        derivable: ["contract": ["confirmed", "in_delivery", "delivered"]]
    )

    /// A contract (合同): from a quotation or an order (with their lines) or by hand; approved,
    /// signed (with the signed scan attached), and a reminder before it ends.
    public static let contract = EntityDefinition(
        key: EntityKey.contract, table: "contracts", resource: "contracts", searchCode: 15,
        titleField: "subject", ownership: .owned,
        fields: [
            FieldDefinition("number", .text).maxLength(60).searched(.code).listed().sortable().maintainedByStrand(),
            FieldDefinition("revision", .integer).maintainedByStrand(),
            FieldDefinition("subject", .text).required().searched(.name).listed().sortable(),
            FieldDefinition("customer_id", .link).link("customer").required().listed().filterable(),
            FieldDefinition("opportunity_id", .link).link("opportunity").filterable(),
            FieldDefinition("quotation_id", .link).link("quotation").filterable(),
            FieldDefinition("order_id", .link).link("sales_order").filterable(),
            FieldDefinition("contact_id", .link).link("contact"),
            FieldDefinition("customer_signatory", .text).maxLength(50),
            FieldDefinition("our_signatory", .text).maxLength(50),
            FieldDefinition("amount", .money).required().listed().sortable(),
            FieldDefinition("start_date", .date).required().listed().sortable(),
            FieldDefinition("end_date", .date).listed().filterable().sortable(),
            FieldDefinition("signed_on", .date).filterable().sortable(),
            FieldDefinition("status", .choice).options(Self.contractFlow.statuses).listed().filterable().sortable().maintainedByStrand(),
            FieldDefinition("renewal_days", .integer),
            FieldDefinition("lines", .lines).maintainedByStrand(),
            FieldDefinition("received", .money).listed().maintainedByStrand(),
            FieldDefinition("invoiced", .money).maintainedByStrand(),
            FieldDefinition("renewal_reminded_at", .dateTime).maintainedByStrand(),
            FieldDefinition("payment_terms", .longText),
            FieldDefinition("notes", .longText),
            FieldDefinition("attachments", .files),
        ],
        trackedFields: ["status"],
        rules: DocumentRules(dates: DateRangeRule(from: "start_date", to: "end_date"), amountField: "amount"),
        documentFlow: contractFlow
    ).inArea(.commerce)

    public static let contractFlow = DocumentFlow(
        statuses: ["draft", "pending", "approved", "signed", "ended", "terminated"],
        moves: ["approved": ["signed"], "signed": ["ended", "terminated"]],
        revisable: ["approved", "signed"],
        dated: ["signed": "signed_on"]
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

/// An end (day or time) is not before its start.
public struct DateRangeRule: RecordRules {
    public let from: String, to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    public func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?, context: RuleContext) -> [String: FieldError] {
        let backwards = switch (values[self.from], values[self.to]) {
        case (.integer(let start)?, .integer(let end)?): end < start
        case (.text(let start)?, .text(let end)?): !start.isEmpty && !end.isEmpty && end < start
        default: false
        }
        return backwards ? [self.to: FieldError("before_start")] : [:]
    }
}

/// A commercial document: its lines priced from the price book (when it prices them itself,
/// rather than copying another document's), its totals from its lines, its days in order.
public struct DocumentRules: RecordRules {
    public let dates: DateRangeRule?
    /// A contract keeps one amount, the total of its lines when it has any, instead of the
    /// quotation's and order's breakdown (`DocumentTotals`).
    public let amountField: String?

    public init(dates: DateRangeRule? = nil, amountField: String? = nil) {
        self.dates = dates
        self.amountField = amountField
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
        if let amountField {
            if !lines.isEmpty { values[amountField] = .integer(LineTotals(lines).total) }
            if (values[amountField]?.integerValue ?? 0) < 0 { return [amountField: FieldError("out_of_range", ["min": "0", "max": "∞"])] }
        } else if values["lines"] != nil {
            DocumentTotals.write(LineTotals(lines), into: &values)
        }
        return [:]
    }
}

extension EntityDefinition {
    /// An instalment of a contract's payment plan (回款计划): written only through the plan, so
    /// that the instalments always add up to the contract amount; what has been received
    /// against it is summed from its payments.
    public static let instalment = EntityDefinition(
        key: EntityKey.instalment, table: "instalments", resource: "instalments", searchCode: 16,
        titleField: "label", ownership: .inherited(from: "contract_id"),
        fields: [
            FieldDefinition("contract_id", .link).link("contract").required().listed().filterable(),
            FieldDefinition("customer_id", .link).link("customer").listed().filterable().maintainedByStrand(),
            FieldDefinition("label", .text).required().maxLength(50).listed(),
            FieldDefinition("due_date", .date).required().listed().filterable().sortable(),
            FieldDefinition("amount", .money).required().listed().sortable(),
            FieldDefinition("received", .money).listed().maintainedByStrand(),
            FieldDefinition("status", .choice).options(["open", "partial", "paid"]).listed().filterable().sortable().maintainedByStrand(),
            FieldDefinition("overdue_notified_at", .dateTime).maintainedByStrand(),
        ],
        // The aging report by customer, and a manager's part of it: open instalments in customer order.
        reportIndexes: [["status", "customer_id", "due_date", "amount", "received"],
                        ["status", "owner_id", "department_id", "customer_id", "due_date", "amount", "received"]],
        managedByParent: true
    ).inArea(.commerce)

    /// A payment received (回款) on a contract, settling one instalment or none; partial
    /// payments are allowed, more than is open is not.
    public static let payment = EntityDefinition(
        key: EntityKey.payment, table: "payments", resource: "payments", searchCode: 17,
        titleField: "reference", ownership: .inherited(from: "contract_id"),
        fields: [
            FieldDefinition("contract_id", .link).link("contract").required().listed().filterable(),
            FieldDefinition("instalment_id", .link).link("instalment").listed().filterable(),
            FieldDefinition("received_on", .date).required().listed().filterable().sortable(),
            FieldDefinition("amount", .money).required().listed().sortable(),
            FieldDefinition("method", .choice).options(["bank_transfer", "acceptance_bill", "cheque", "cash", "online", "other"]).required().listed().filterable(),
            FieldDefinition("account", .text).maxLength(100),
            FieldDefinition("reference", .text).maxLength(100).searched(.code).listed(),
            FieldDefinition("notes", .text),
        ],
        rules: PositiveAmount(),
        // Targets counted by payments received: a period's payments per person and department.
        reportIndexes: [["received_on", "owner_id", "department_id", "amount"]],
        rollups: [Rollup(link: "instalment_id", target: "received", sum: "amount", settling: true),
                  Rollup(link: "contract_id", target: "received", sum: "amount")]
    ).inArea(.commerce)

    /// An invoice issued (发票) against a contract.
    public static let invoice = EntityDefinition(
        key: EntityKey.invoice, table: "invoices", resource: "invoices", searchCode: 18,
        titleField: "number", ownership: .inherited(from: "contract_id"),
        fields: [
            FieldDefinition("contract_id", .link).link("contract").required().listed().filterable(),
            FieldDefinition("number", .text).required().maxLength(50).searched(.code).listed().sortable(),
            FieldDefinition("kind", .choice).options(["vat_special", "vat_normal", "electronic", "other"]).required().listed().filterable(),
            FieldDefinition("issued_on", .date).required().listed().filterable().sortable(),
            FieldDefinition("amount", .money).required().listed().sortable(),
            FieldDefinition("tax_rate", .decimal).listed(),
            FieldDefinition("notes", .text),
        ],
        rules: PositiveAmount(),
        rollups: [Rollup(link: "contract_id", target: "invoiced", sum: "amount")]
    ).inArea(.commerce)
}

/// An amount received, invoiced or owed is more than nothing; something owed (`settledBy`
/// names its paid sum) starts open with nothing paid.
public struct PositiveAmount: RecordRules {
    public let settledBy: String?

    public init(settledBy: String? = nil) {
        self.settledBy = settledBy
    }

    public func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?, context: RuleContext) -> [String: FieldError] {
        if let settledBy, before == nil {
            values[settledBy] = .integer(0)
            values["status"] = .text("open")
        }
        return (values["amount"]?.integerValue ?? 0) > 0 ? [:] : ["amount": FieldError("out_of_range", ["min": "0.01", "max": "∞"])]
    }
}

/// A parent's field kept as the sum of a field of its live children (a contract's payments
/// received), never more than the parent's `amount`; a settling parent's `status` also says
/// whether it is open, partly or fully paid.
public struct Rollup: Sendable {
    public let link: String
    public let target: String
    public let sum: String
    public let settling: Bool

    public init(link: String, target: String, sum: String, settling: Bool = false) {
        self.link = link
        self.target = target
        self.sum = sum
        self.settling = settling
    }
}

extension EntityDefinition {
    /// A supplier, part of the company's reference data.
    public static let supplier = EntityDefinition(
        key: EntityKey.supplier, table: "suppliers", resource: "suppliers", searchCode: 19,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().searched(.name).listed().sortable().duplicateChecked(),
            FieldDefinition("credit_code", .text).maxLength(18).format(.creditCode).searched(.code).duplicateChecked(),
            FieldDefinition("contact_name", .text).maxLength(50).listed(),
            FieldDefinition("phone", .phone).searched(.phone).listed(),
            FieldDefinition("bank_account", .text).maxLength(100),
            FieldDefinition("notes", .longText),
        ],
        catalogue: true
    ).inArea(.commerce).forPurchasing()

    /// What the company owes a supplier and when (应付计划), settled by payments to it, as a
    /// contract's instalments are by payments received.
    public static let payable = EntityDefinition(
        key: EntityKey.payable, table: "payables", resource: "payables", searchCode: 20,
        titleField: "label", ownership: .inherited(from: "supplier_id"),
        fields: [
            FieldDefinition("supplier_id", .link).link("supplier").required().listed().filterable(),
            FieldDefinition("label", .text).required().maxLength(100).listed(),
            FieldDefinition("due_date", .date).required().listed().filterable().sortable(),
            FieldDefinition("amount", .money).required().listed().sortable(),
            FieldDefinition("paid", .money).listed().maintainedByStrand(),
            FieldDefinition("status", .choice).options(["open", "partial", "paid"]).listed().filterable().sortable().maintainedByStrand(),
            FieldDefinition("notes", .text),
        ],
        rules: PositiveAmount(settledBy: "paid")
    ).inArea(.commerce).forPurchasing()

    public static let supplierPayment = EntityDefinition(
        key: EntityKey.supplierPayment, table: "supplier_payments", resource: "supplier_payments", searchCode: 21,
        titleField: "reference", ownership: .inherited(from: "supplier_id"),
        fields: [
            FieldDefinition("supplier_id", .link).link("supplier").required().listed().filterable(),
            FieldDefinition("payable_id", .link).link("payable").listed().filterable(),
            FieldDefinition("paid_on", .date).required().listed().filterable().sortable(),
            FieldDefinition("amount", .money).required().listed().sortable(),
            FieldDefinition("method", .choice).options(["bank_transfer", "acceptance_bill", "cheque", "cash", "online", "other"]).required().listed(),
            FieldDefinition("reference", .text).maxLength(100).searched(.code).listed(),
            FieldDefinition("notes", .text),
        ],
        rules: PositiveAmount(),
        rollups: [Rollup(link: "payable_id", target: "paid", sum: "amount", settling: true)]
    ).inArea(.commerce).forPurchasing()
}
