import Foundation
import SQLKit
import StrandCore
import StrandStore
import StrandTesting
import Testing

@Suite struct BulkSeederTests {
    /// The benchmark fixture holds what it promises, its records are found by search and keep
    /// their scope, and the tables are as usable as after ordinary writes.
    @Test(arguments: TestBackend.available)
    func generatesCustomersWithContactsAndFollowUps(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        try await BulkSeeder.run(database: company.database, catalog: company.catalog, customers: 30)
        let counts = try await company.database.read { db in
            try await ["customers", "contacts", "follow_ups", "opportunities", "leads"].asyncCount(db)
        }
        // Every other customer waits in the pool; of the owned ones, two in five have a deal and each a lead.
        #expect(counts == [30, 60, 90, 6, 15])
        let pooled = try await company.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM customers WHERE owner_id IS NULL AND pool_id IS NOT NULL").first()!.decode(column: "n", as: Int.self)
        }
        #expect(pooled == 15)
        let everything = ScopeFilter(.everything)
        let page = try await company.database.list(company.entity("customer"), query: ListQuery(), scope: everything)
        #expect(page.records.count == 30)
        let first = try #require(page.records.first { $0.ownerId != nil })
        let name = try #require(first["name"].textValue)
        let hits = try await company.database.search(name, entities: [company.entity("customer")], actor: company.admin, limit: 50)
        #expect(hits.contains { $0.recordId == first.id })
        let owner = try #require(first.ownerId)
        let ownersView = ScopeFilter(.limited(owner: owner, departments: []))
        let visible = try await company.database.list(company.entity("customer"), query: ListQuery(), scope: ownersView)
        #expect(visible.records.allSatisfy { $0.ownerId == owner })
        let created = try await company.records.create(company.entity("customer"), input: ["name": .string("种子之后的新客户")],
                                                       context: company.context(company.admin)).record
        #expect(created.id == 31)
    }
}

extension Array where Element == String {
    func asyncCount(_ db: any SQLDatabase) async throws -> [Int] {
        var counts: [Int] = []
        for table in self {
            counts.append(try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self))
        }
        return counts
    }
}
