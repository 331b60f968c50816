import SQLKit
import StrandCore

/// Reads what the products of a document's lines cost its customer on its day: the price
/// books that apply, ranked by `PriceBook.ranked`, each product from the first that lists it,
/// else at its list price. Prices are the company's, read whatever the writer's scope.
enum Pricing {
    static func prices(_ entity: EntityDefinition, values: [String: FieldValue], db: any SQLDatabase) async throws -> [Int64: ProductPrice]? {
        guard let source = entity.pricing else { return nil }
        let lines = LineItems.decode(values["lines"])
        guard !lines.isEmpty else { return [:] }
        var prices = try await self.products(ids: Set(lines.map(\.productId)).subtracting([0]),
                                             codes: Set(lines.filter { $0.productId == 0 }.map(\.code)), db: db)
        let productIds = Array(prices.keys)
        guard let customerId = values[source.customer]?.integerValue,
              let customer = try await db.raw("""
                  SELECT grade, type FROM customers WHERE id = \(bind: customerId) AND deleted_at IS NULL
                  """).first() else { return prices }
        let books = PriceBook.ranked(try await self.books(db: db), grade: try customer.text("grade") ?? "",
                                     type: try customer.text("type") ?? "", on: values[source.day]?.textValue ?? "")
        guard !books.isEmpty, !productIds.isEmpty else { return prices }
        let rank = Dictionary(uniqueKeysWithValues: books.enumerated().map { ($0.element.id, $0.offset) })
        var best: [Int64: (rank: Int, price: Int64)] = [:]
        for row in try await db.raw("""
            SELECT price_book_id, product_id, price FROM price_book_entries
            WHERE product_id IN \(SQLGroupExpression.binds(productIds)) AND price_book_id IN \(SQLGroupExpression.binds(books.map(\.id))) AND deleted_at IS NULL
            """).all() {
            guard let book = try row.integer("price_book_id"), let product = try row.integer("product_id"),
                  let price = try row.integer("price"), let position = rank[book] else { continue }
            if best[product].map({ position < $0.rank }) ?? true { best[product] = (position, price) }
        }
        for (product, entry) in best { prices[product]?.listPrice = entry.price }
        return prices
    }

    /// The products named by id or by code (as typed in a form).
    static func products(ids: Set<Int64>, codes: Set<String>, db: any SQLDatabase) async throws -> [Int64: ProductPrice] {
        var prices: [Int64: ProductPrice] = [:]
        var named: [SQLQueryString] = []
        if !ids.isEmpty { named.append("id IN \(SQLGroupExpression.binds(Array(ids)))") }
        if !codes.isEmpty { named.append("code IN \(SQLGroupExpression.binds(Array(codes)))") }
        guard !named.isEmpty else { return [:] }
        for row in try await db.raw("""
            SELECT id, name, code, unit, specification, category_id, list_price, tax_rate, discontinued FROM products
            WHERE (\(SQLList(named, separator: SQLRaw(" OR ")))) AND deleted_at IS NULL
            """).all() {
            let id = try row.decode(column: "id", as: Int64.self)
            prices[id] = ProductPrice(productId: id, name: try row.text("name") ?? "", code: try row.text("code") ?? "",
                                      unit: try row.text("unit") ?? "", specification: try row.text("specification") ?? "",
                                      categoryId: try row.integer("category_id"), listPrice: try row.integer("list_price") ?? 0,
                                      taxRate: try row.integer("tax_rate") ?? 0, active: try row.integer("discontinued") != 1)
        }
        return prices
    }

    static func books(db: any SQLDatabase) async throws -> [PriceBook] {
        try await db.raw("""
            SELECT id, grade, customer_type, valid_from, valid_to, priority FROM price_books WHERE deleted_at IS NULL AND inactive = 0
            """).all().map { row in
            PriceBook(id: try row.decode(column: "id", as: Int64.self), grade: try row.text("grade") ?? "",
                      customerType: try row.text("customer_type") ?? "", validFrom: try row.text("valid_from") ?? "",
                      validTo: try row.text("valid_to") ?? "", priority: try row.integer("priority") ?? 0)
        }
    }
}
