import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// Bulk actions on ticked records: each as the role allows, audited, all or nothing.
@Suite struct BulkActionTests {
    static func outcome(_ body: () async throws -> Void) async -> String {
        do {
            try await body()
            return "done"
        } catch RecordError.notFound {
            return "not_found"
        } catch RecordError.forbidden {
            return "forbidden"
        } catch RecordError.invalid(let failure) {
            return failure.fields.map { "\($0.key):\($0.value.code)" }.sorted().joined(separator: ",")
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: TestBackend.available)
    func transferNeedsTheAssignRightOverBothPlaces(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let mine = try await company.customer("一号客户", by: company.repOne)
        let colleagues = try await company.customer("二号客户", by: company.repOneB)
        let elsewhere = try await company.customer("三号客户", by: company.repTwo)
        let records = company.records

        #expect(await Self.outcome {
            try await records.transfer(customers, ids: [mine.id], to: company.repOneB.userId, context: company.context(company.repOne))
        } == "forbidden")
        // The manager reaches his department, not the other one, and not half of a batch.
        #expect(await Self.outcome {
            try await records.transfer(customers, ids: [mine.id, elsewhere.id], to: company.repOneB.userId, context: company.context(company.managerOne))
        } == "not_found")
        #expect(await Self.outcome {
            try await records.transfer(customers, ids: [mine.id], to: company.repTwo.userId, context: company.context(company.managerOne))
        } == "forbidden")
        #expect(try await company.database.find(customers, id: mine.id, scope: ScopeFilter(.everything))?.ownerId == company.repOne.userId)
        #expect(await Self.outcome {
            try await records.transfer(customers, ids: [mine.id, colleagues.id], to: company.repOneB.userId, context: company.context(company.managerOne))
        } == "done")
        let moved = try await company.database.find(customers, id: mine.id, scope: ScopeFilter(.everything))
        #expect(moved?.ownerId == company.repOneB.userId)
        let audit = try await company.database.read { try await AuditLog.history(entity: "customer", recordId: mine.id, db: $0) }
        #expect(audit.first?.action == "transfer")
        #expect(audit.first?.userId == company.managerOne.userId)
    }

    @Test(arguments: TestBackend.available)
    func tagsAddToWhatIsThereAndDeleteIsAllOrNothing(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let first = try await company.customer("甲", by: company.repOne, extra: ["tags": .list(["老客户"])])
        let second = try await company.customer("乙", by: company.repOne)
        let other = try await company.customer("丙", by: company.repTwo)
        let context = company.context(company.repOne)
        try await company.records.tag(customers, ids: [first.id, second.id], tags: ["展会", "老客户"], context: context)
        let tagged = try await company.database.find(customers, id: first.id, scope: ScopeFilter(.everything))
        #expect(tagged?["tags"] == .list(["老客户", "展会"]))
        #expect(await Self.outcome { try await company.records.tag(customers, ids: [first.id], tags: [" "], context: context) } == "tags:required")

        #expect(await Self.outcome {
            try await company.records.delete(customers, ids: [first.id, other.id], context: company.context(company.managerOne))
        } == "forbidden")
        #expect(await Self.outcome {
            try await company.records.delete(customers, ids: [first.id, other.id + 1000], context: company.context(company.generalManager))
        } == "not_found")
        #expect(try await company.database.find(customers, id: first.id, scope: ScopeFilter(.everything)) != nil)
        #expect(await Self.outcome {
            try await company.records.delete(customers, ids: [first.id, second.id], context: company.context(company.generalManager))
        } == "done")
        #expect(try await company.database.find(customers, id: second.id, scope: ScopeFilter(.everything)) == nil)
    }
}
