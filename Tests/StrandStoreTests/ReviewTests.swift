import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// Customers made by salespeople in a reviewing department wait for a manager.
@Suite struct ReviewTests {
    @Test(arguments: TestBackend.available)
    func newCustomersWaitForTheManager(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let admin = company.context(company.admin)
        let before = try await company.customer("审核前客户", by: company.repOne)
        #expect(before["review"] == .text(""))
        _ = try await company.directory.updateDepartment(company.salesOne.id, name: company.salesOne.name, parentId: company.salesOne.parentId,
                                                         reviewsCustomers: true, context: admin)
        let pending = try await company.customer("待审客户", by: company.repOne)
        #expect(pending["review"] == .text("pending"))
        // The manager's own customers, and another department's, need no review.
        #expect(try await company.customer("经理客户", by: company.managerOne)["review"] == .text(""))
        #expect(try await company.customer("二部客户", by: company.repTwo)["review"] == .text(""))
        // Nobody sets the review by hand.
        #expect(await BulkActionTests.outcome {
            _ = try await company.records.update(customers, id: pending.id, input: ["review": .string("approved")], expectedVersion: nil,
                                                 context: company.context(company.repOne))
        } == "review:read_only")

        let records = company.records
        #expect(await BulkActionTests.outcome {
            _ = try await records.review(customers, id: pending.id, approve: true, comment: "", context: company.context(company.repOne))
        } == "forbidden")
        #expect(await BulkActionTests.outcome {
            _ = try await records.review(customers, id: pending.id, approve: false, comment: " ", context: company.context(company.managerOne))
        } == "review_comment:required")
        let rejected = try await records.review(customers, id: pending.id, approve: false, comment: "信用代码缺失", context: company.context(company.managerOne))
        #expect(rejected["review"] == .text("rejected"))
        #expect(rejected["review_comment"] == .text("信用代码缺失"))
        // Fixed by its maker, it waits again; approved, it stays approved through edits.
        let fixed = try await records.update(customers, id: pending.id, input: ["phone": .string("021-62345678")],
                                             expectedVersion: nil, context: company.context(company.repOne))
        #expect(fixed["review"] == .text("pending"))
        _ = try await records.review(customers, id: pending.id, approve: true, comment: "", context: company.context(company.managerOne))
        let edited = try await records.update(customers, id: pending.id, input: ["grade": .string("A")], expectedVersion: nil,
                                              context: company.context(company.repOne))
        #expect(edited["review"] == .text("approved"))
        #expect(await BulkActionTests.outcome {
            _ = try await records.review(customers, id: pending.id, approve: true, comment: "", context: company.context(company.managerOne))
        } == "review:not_pending")
        let actions = try await company.database.read { try await AuditLog.history(entity: "customer", recordId: pending.id, db: $0) }.map(\.action)
        #expect(actions.filter { $0 == .review }.count == 2)
    }
}
