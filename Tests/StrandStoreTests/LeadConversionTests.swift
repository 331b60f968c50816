import Foundation
import SQLKit
import StrandCore
import StrandStore
import StrandTesting
import Testing

@Suite struct LeadConversionTests {
    func lead(_ company: Company, name: String, by actor: Actor) async throws -> Record {
        try await company.records.create(company.entity("lead"), input: [
            "company": .string(name), "contact_name": .string("周敏"), "position": .string("采购经理"),
            "phone": .string("13900001111"), "status": .string("qualified"), "city": .string("杭州市"),
        ], context: company.context(actor)).record
    }

    @Test(arguments: TestBackend.available)
    func aLeadBecomesCustomerContactAndOpportunity(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let lead = try await self.lead(company, name: "杭州汇智软件有限公司", by: company.repOne)
        let result = try await company.records.convertLead(id: lead.id, opportunity: [
            "name": .string("年度软件采购"), "amount": .string("48000"), "stage": .string("needs"),
        ], context: company.context(company.repOne))
        #expect(result.customer["name"] == .text("杭州汇智软件有限公司"))
        #expect(result.customer["city"] == .text("杭州市"))
        #expect(result.customer.ownerId == company.repOne.userId)
        #expect(result.contact?["mobile"] == .text("13900001111"))
        #expect(result.contact?["customer_id"] == .integer(result.customer.id))
        #expect(result.opportunity?["probability"] == .integer(30))
        let converted = try #require(try await company.database.find(company.entity("lead"), id: lead.id, scope: ScopeFilter(.everything)))
        #expect(converted["status"] == .text("converted"))
        #expect(converted["converted_customer_id"] == .integer(result.customer.id))
        await #expect(throws: RecordError.self) {
            _ = try await company.records.convertLead(id: lead.id, context: company.context(company.repOne))
        }
    }

    /// A refusal half way (here the opportunity) leaves no customer, no contact, and the lead as it was.
    @Test(arguments: TestBackend.available)
    func aFailureHalfWayWritesNothing(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let lead = try await self.lead(company, name: "宁波同舟贸易有限公司", by: company.repOne)
        await #expect(throws: RecordError.self) {
            _ = try await company.records.convertLead(id: lead.id, opportunity: ["name": .string("外贸单"), "amount": .string("1"),
                                                                                 "stage": .string("lost")],
                                                      context: company.context(company.repOne))
        }
        var query = ListQuery()
        query.search = "宁波同舟"
        #expect(try await company.database.list(company.entity("customer"), query: query, scope: ScopeFilter(.everything)).records.isEmpty)
        let counts = try await company.database.read { db in try await ["contacts", "opportunities"].asyncCount(db) }
        #expect(counts == [0, 0])
        let unchanged = try #require(try await company.database.find(company.entity("lead"), id: lead.id, scope: ScopeFilter(.everything)))
        #expect(unchanged["status"] == .text("qualified"))
        #expect(unchanged.version == lead.version)
    }

    /// A lead whose company is already a customer is refused with the match, and can then be
    /// attached to that customer instead.
    @Test(arguments: TestBackend.available)
    func aDuplicateCustomerIsOfferedAndCanBeUsed(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let existing = try await company.customer("苏州嘉禾电子有限公司", by: company.repOne)
        let lead = try await self.lead(company, name: "苏州嘉禾电子有限公司", by: company.repOne)
        await #expect {
            _ = try await company.records.convertLead(id: lead.id, context: company.context(company.repOne))
        } throws: { error in
            guard case RecordError.duplicates(let matches) = error else { return false }
            return matches.contains { $0.recordId == existing.id }
        }
        let result = try await company.records.convertLead(id: lead.id, existingCustomer: existing.id, context: company.context(company.repOne))
        #expect(result.customer.id == existing.id)
        #expect(result.contact?["customer_id"] == .integer(existing.id))
    }
}
