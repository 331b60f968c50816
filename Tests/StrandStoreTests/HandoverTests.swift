import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// A handover moves everything a leaver owns in one step and loses nothing.
@Suite struct HandoverTests {
    @Test(arguments: TestBackend.available)
    func everythingMovesAndClosedDealsStay(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let rep = company.repOne, context = company.context(company.repOne)
        let first = try await company.customer("甲公司", by: rep)
        let second = try await company.customer("乙公司", by: rep)
        try await company.records.create(company.entity("contact"), input: ["customer_id": .string(String(first.id)), "name": .string("周敏")], context: context)
        try await company.records.create(company.entity("lead"), input: ["company": .string("丙公司"), "status": .string("new")], context: context)
        let deal = { (stage: String) in
            try await company.records.create(company.entity("opportunity"), input: [
                "name": .string(stage), "customer_id": .string(String(second.id)), "amount": .string("100"), "stage": .string(stage),
            ], context: context).record
        }
        let open = try await deal("proposal"), won = try await deal("won")
        let handover = Handover(records: company.records)
        #expect(try await handover.counts(of: rep.userId).filter { $0.value > 0 } == ["customer": 2, "lead": 1, "opportunity": 1])

        await #expect(throws: RecordError.self) {
            try await handover.run(from: rep.userId, to: company.repOneB.userId, customersToPool: false, context: company.context(company.managerOne))
        }
        try await handover.run(from: rep.userId, to: company.repOneB.userId, customersToPool: false, context: company.context(company.admin))
        #expect(try await handover.counts(of: rep.userId).values.reduce(0, +) == 0)
        #expect(try await handover.counts(of: company.repOneB.userId).filter { $0.value > 0 } == ["customer": 2, "lead": 1, "opportunity": 1])
        let find = { (key: String, id: Int64) in try await company.database.find(company.entity(key), id: id, scope: ScopeFilter(.everything)) }
        #expect(try await find("opportunity", won.id)?.ownerId == rep.userId)
        #expect(try await find("opportunity", open.id)?.ownerId == company.repOneB.userId)
        let contacts = try await company.database.list(company.entity("contact"), query: ListQuery(), scope: ScopeFilter(.everything))
        #expect(contacts.records.map(\.ownerId) == [company.repOneB.userId])
        let audit = try await company.database.read { try await AuditLog.history(entity: "customer", recordId: first.id, db: $0) }
        #expect(audit.first?.action == .handover)

        // Back the other way, with the customers going to the pool instead.
        try await handover.run(from: company.repOneB.userId, to: rep.userId, customersToPool: true, context: company.context(company.admin))
        #expect(try await find("customer", first.id)?.ownerId == nil)
        #expect(try await handover.counts(of: rep.userId).filter { $0.value > 0 } == ["lead": 1, "opportunity": 1])
        let events = try await company.database.read { try await Pools.events(customerId: first.id, db: $0) }
        #expect(events.map(\.reason) == ["handover"])
    }
}
