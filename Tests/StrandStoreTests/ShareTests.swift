import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// Records shared with collaborators: seen (and with an edit share changed) by a colleague
/// outside the scope, with what belongs to them, and nothing more.
@Suite struct ShareTests {
    @Test(arguments: TestBackend.available)
    func sharedRecordsReachTheCollaborator(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer"), contacts = company.entity("contact")
        let records = company.records
        let shared = try await company.customer("共享客户", by: company.repOne)
        _ = try await company.customer("不共享客户", by: company.repOne)
        let contact = try await records.create(contacts, input: ["customer_id": .string(String(shared.id)), "name": .string("王经理")],
                                               context: company.context(company.repOne)).record
        let colleague = company.repTwo
        let visible = { (entity: EntityDefinition) in
            try await company.database.list(entity, query: ListQuery(), scope: colleague.filter(.view, on: entity.key)).records.map(\.id)
        }
        #expect(try await visible(customers).isEmpty)

        // Someone who cannot edit the record may not share it.
        #expect(await BulkActionTests.outcome {
            try await records.share(customers, ids: [shared.id], with: [colleague.userId], access: .read, context: company.context(colleague))
        } == "not_found")
        try await records.share(customers, ids: [shared.id], with: [colleague.userId], access: .read, context: company.context(company.repOne))
        #expect(try await visible(customers) == [shared.id])
        #expect(try await visible(contacts) == [contact.id])
        let hits = try await company.database.read {
            try await SearchIndex.search("共享客户", entities: [customers], actor: colleague, limit: 10, dialect: company.database.dialect, db: $0)
        }
        #expect(hits.map(\.recordId) == [shared.id])
        let edit = { (actor: Actor) in
            await BulkActionTests.outcome {
                _ = try await records.update(customers, id: shared.id, input: ["grade": .string("B")], expectedVersion: nil, context: company.context(actor))
            }
        }
        #expect(await edit(colleague) == "forbidden")
        #expect(try await !company.database.mayEdit(customers, shared, actor: colleague))

        // An edit share lets them change it, and its contacts, but not delete, give away or share it.
        try await records.share(customers, ids: [shared.id], with: [colleague.userId], access: .edit, context: company.context(company.repOne))
        #expect(await edit(colleague) == "done")
        #expect(try await company.database.mayEdit(customers, shared, actor: colleague))
        #expect(await BulkActionTests.outcome {
            _ = try await records.update(contacts, id: contact.id, input: ["position": .string("采购经理")], expectedVersion: nil, context: company.context(colleague))
        } == "done")
        #expect(await BulkActionTests.outcome { try await records.delete(customers, id: shared.id, context: company.context(colleague)) } == "forbidden")
        #expect(await BulkActionTests.outcome {
            try await records.share(customers, ids: [shared.id], with: [company.repOneB.userId], access: .read, context: company.context(colleague))
        } == "forbidden")
        #expect(try await company.database.shares(customers, recordId: shared.id).map(\.access) == [.edit])

        try await records.unshare(customers, id: shared.id, user: colleague.userId, context: company.context(company.repOne))
        #expect(try await visible(customers).isEmpty)
        // A customer going back to the pool loses its collaborators.
        try await records.share(customers, ids: [shared.id], with: [colleague.userId], access: .read, context: company.context(company.repOne))
        try await Pools.ensureDefault(company.database)
        try await PoolService(records: records).giveBack([shared.id], reason: "无人跟进", context: company.context(company.repOne))
        #expect(try await company.database.shares(customers, recordId: shared.id).isEmpty)
        #expect(try await visible(customers).isEmpty)
        let actions = try await company.database.read { try await AuditLog.history(entity: "customer", recordId: shared.id, db: $0) }.map(\.action)
        #expect(actions.filter { [AuditAction.share, .unshare].contains($0) }.count == 4)
    }
}
