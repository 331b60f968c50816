import StrandCore
import StrandStore
import Vapor

/// What a document's lines offer as product codes.
enum LineProducts {
    /// The active products, as suggestions for a line's product code.
    static func options(_ request: Request) async throws -> [FieldDefinition.Option] {
        guard let products = request.strand.catalog.entity(EntityKey.product) else { return [] }
        var query = ListQuery()
        query.filters = [ListQuery.Filter(column: "discontinued", operation: .equals([.bool(false)]))]
        query.sort = ListQuery.Sort(column: "code", descending: false)
        query.limit = 2_000
        let page = try await request.strand.database.list(products, query: query,
                                                          scope: try request.requireIdentity().actor.filter(.view, on: products.key))
        return page.records.map { product in
            let price = product["list_price"].integerValue.map(Money.full) ?? ""
            let label = [product.title(products), product["specification"].textValue ?? "", price].filter { !$0.isEmpty }.joined(separator: " · ")
            return FieldDefinition.Option(value: product["code"].textValue ?? "", label: label)
        }
    }
}
