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

    /// Leads dealt out in turn go to the department's active members one after another, the
    /// next run carrying on where the last stopped, and never to someone deactivated.
    @Test(arguments: TestBackend.available)
    func roundRobinTakesTurnsAmongActiveMembers(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let leads = company.entity("lead")
        let manager = company.context(company.managerOne)
        var ids: [Int64] = []
        for number in 1...8 {
            ids.append(try await company.records.create(leads, input: ["company": .string("展会线索 \(number)"), "status": .string("new")],
                                                        context: manager).record.id)
        }
        let owners = { (ids: [Int64]) in
            try await company.database.find(leads, ids: ids, scope: ScopeFilter(.everything)).sorted { $0.id < $1.id }.map(\.ownerId)
        }
        let (m, a, b) = (company.managerOne.userId, company.repOne.userId, company.repOneB.userId)
        let team = [m, a, b].sorted()
        try await company.records.assignInTurn(leads, ids: Array(ids[0..<4]), department: company.salesOne.id, context: manager)
        #expect(try await owners(Array(ids[0..<4])) == [team[0], team[1], team[2], team[0]])
        try await company.records.assignInTurn(leads, ids: Array(ids[4..<6]), department: company.salesOne.id, context: manager)
        #expect(try await owners(Array(ids[4..<6])) == [team[1], team[2]])

        var leaving = DirectoryService.UserInput()
        leaving.active = false
        _ = try await company.directory.updateUser(team[1], leaving, expectedVersion: nil, context: company.context(company.admin))
        try await company.records.assignInTurn(leads, ids: Array(ids[6..<8]), department: company.salesOne.id, context: manager)
        #expect(try await owners(Array(ids[6..<8])) == [team[0], team[2]])
        // A salesperson may not deal out, and a department without active members takes nothing.
        #expect(await Self.outcome {
            try await company.records.assignInTurn(leads, ids: [ids[0]], department: company.salesOne.id, context: company.context(company.repOne))
        } == "not_found")
        let empty = try await company.directory.createDepartment(name: "新设部门", parentId: company.headOffice.id, context: company.context(company.admin))
        #expect(await Self.outcome {
            try await company.records.assignInTurn(leads, ids: [ids[0]], department: empty.id, context: company.context(company.admin))
        } == "department_id:no_active_members")
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
        #expect(audit.first?.action == .transfer)
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
