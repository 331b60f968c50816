import StrandCore
import StrandStore
import StrandTesting
import Testing

/// A customer has one primary contact: making another primary clears the first, through the
/// write pipeline, so its history says so; moving a primary contact to another customer does
/// the same there.
@Suite struct PrimaryContactTests {
    @Test(arguments: TestBackend.available)
    func aCustomerHasOnePrimaryContact(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let contacts = company.entity("contact")
        let context = company.context(company.repOne)
        let first = try await company.customer("成都启明软件有限公司", by: company.repOne)
        let second = try await company.customer("宁波同舟贸易有限公司", by: company.repOne)
        func contact(_ name: String, of customer: Record) async throws -> Record {
            try await company.records.create(contacts, input: ["customer_id": .string(String(customer.id)), "name": .string(name),
                                                               "is_primary": .bool(true)], context: context).record
        }
        func primaries(_ customer: Record) async throws -> [String] {
            var query = ListQuery()
            query.filters = [ListQuery.Filter(column: "customer_id", operation: .equals([.integer(customer.id)])),
                             ListQuery.Filter(column: "is_primary", operation: .equals([.bool(true)]))]
            return try await company.database.list(contacts, query: query, scope: ScopeFilter(.everything)).records.map { $0.title(contacts) }
        }
        let zhou = try await contact("周敏", of: first)
        _ = try await contact("王强", of: first)
        #expect(try await primaries(first) == ["王强"])
        let history = try await company.database.read { try await AuditLog.history(entity: "contact", recordId: zhou.id, afterVersion: 0, db: $0) }
        #expect(history.contains { $0.changes["is_primary"] != nil })

        let li = try await contact("李娜", of: second)
        _ = try await company.records.update(contacts, id: li.id, input: ["customer_id": .string(String(first.id))], expectedVersion: nil, context: context)
        #expect(try await primaries(first) == ["李娜"])
        #expect(try await primaries(second).isEmpty)
    }
}
