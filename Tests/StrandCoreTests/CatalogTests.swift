import StrandCore
import Testing

@Suite struct CatalogTests {
    /// A customer's page lists the records that each belong to one customer: contacts and
    /// follow-ups (which take its owner), opportunities and commercial documents (which have their own).
    @Test func recordsRelatedToACustomer() {
        let related = EntityCatalog().related(to: "customer")
        #expect(related.map(\.entity.key) == ["contact", "follow_up", "opportunity", "quotation", "sales_order", "contract"])
        #expect(related.allSatisfy { $0.field == "customer_id" })
        #expect(EntityCatalog().children(of: "customer").map(\.key) == ["contact", "follow_up"])
    }
}
