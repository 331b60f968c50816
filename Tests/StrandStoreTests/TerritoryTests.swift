import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// Territories give new leads and waiting customers to the people of the place they are in.
@Suite struct TerritoryTests {
    @Test func theMostSpecificTerritoryWins() {
        let setup = AssignmentSetup(territories: [
            Territory(name: "华东", provinces: ["江苏省", "浙江"], assignee: .department(1)),
            Territory(name: "苏州制造", cities: ["苏州"], industries: ["manufacturing"], assignee: .user(7)),
            Territory(name: "苏州", cities: ["苏州市"], assignee: .user(8)),
        ])
        let place = { (province: String, city: String, industry: String) in
            setup.territory(for: ["province": .text(province), "city": .text(city), "industry": .text(industry)])?.name
        }
        #expect(place("江苏", "苏州市", "manufacturing") == "苏州制造")
        #expect(place("江苏", "苏州", "it") == "苏州")
        #expect(place("浙江省", "杭州", "it") == "华东")
        #expect(place("广东", "深圳", "manufacturing") == nil)
        #expect(place("", "", "") == nil)
    }

    /// With automatic assignment on, a lead created without an owner goes to its territory
    /// (a department's members in turn); one naming an owner, or matching none, stays put.
    @Test(arguments: TestBackend.available)
    func newLeadsGoToTheirTerritory(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let leads = company.entity("lead")
        let admin = company.context(company.admin)
        let setup = AssignmentSetup(automatic: ["lead"], territories: [
            Territory(name: "江苏", provinces: ["江苏"], assignee: .department(company.salesOne.id)),
            Territory(name: "广东", provinces: ["广东"], assignee: .user(company.repTwo.userId)),
        ])
        try await AssignmentStore.save(setup, context: admin, database: company.database)
        let lead = { (name: String, province: String, owner: Int64?) in
            var input: [String: InputValue] = ["company": .string(name), "status": .string("new"), "province": .string(province)]
            if let owner { input["owner_id"] = .string(String(owner)) }
            return try await company.records.create(leads, input: input, context: admin).record
        }
        let team = [company.managerOne.userId, company.repOne.userId, company.repOneB.userId].sorted()
        #expect(try await lead("南京一号", "江苏", nil).ownerId == team[0])
        #expect(try await lead("南京二号", "江苏省", nil).ownerId == team[1])
        let canton = try await lead("广州一号", "广东", nil)
        #expect(canton.ownerId == company.repTwo.userId)
        #expect(canton.departmentId == company.salesTwo.id)
        #expect(try await lead("上海一号", "上海", nil).ownerId == company.admin.userId)
        #expect(try await lead("南京三号", "江苏", company.generalManager.userId).ownerId == company.generalManager.userId)
        let audit = try await company.database.read { try await AuditLog.history(entity: "lead", recordId: canton.id, db: $0) }
        #expect(audit.map(\.action) == [.assign, .create])

        // Turned off, new leads stay with whoever made them; the bulk action still deals by territory.
        try await AssignmentStore.save(AssignmentSetup(territories: setup.territories), context: admin, database: company.database)
        let waiting = try await lead("苏州一号", "江苏", nil)
        #expect(waiting.ownerId == company.admin.userId)
        #expect(try await company.records.assignByTerritory(leads, ids: [waiting.id], context: admin) == 1)
        #expect(try await company.database.find(leads, id: waiting.id, scope: ScopeFilter(.everything))?.ownerId == team[2])
        // A territory whose person has left passes new records by rather than refusing them.
        try await AssignmentStore.save(setup, context: admin, database: company.database)
        var leaving = DirectoryService.UserInput()
        leaving.active = false
        _ = try await company.directory.updateUser(company.repTwo.userId, leaving, expectedVersion: nil, context: admin)
        #expect(try await lead("深圳一号", "广东", nil).ownerId == company.admin.userId)
        // A manager may not deal records into another department.
        #expect(await BulkActionTests.outcome {
            _ = try await company.records.assignByTerritory(leads, ids: [canton.id], context: company.context(company.managerOne))
        } == "not_found")
    }

    /// A territory names someone who can take records, and says where it reaches.
    @Test(arguments: TestBackend.available)
    func territoriesAreChecked(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let save = { (setup: AssignmentSetup, actor: Actor) in
            await BulkActionTests.outcome { try await AssignmentStore.save(setup, context: company.context(actor), database: company.database) }
        }
        let fine = Territory(name: "江苏", provinces: ["江苏"], assignee: .user(company.repOne.userId))
        #expect(await save(AssignmentSetup(territories: [fine]), company.managerOne) == "forbidden")
        #expect(await save(AssignmentSetup(territories: [Territory(name: "", assignee: .user(company.repOne.userId))]), company.admin)
            == "name:required,provinces:territory_empty")
        #expect(await save(AssignmentSetup(territories: [Territory(name: "x", cities: ["苏州"], assignee: .department(9999))]), company.admin)
            == "assignee:not_found")
        #expect(await save(AssignmentSetup(automatic: ["opportunity"], territories: [fine]), company.admin) == "automatic:not_an_option")
        #expect(await save(AssignmentSetup(automatic: ["lead", "customer"], territories: [fine]), company.admin) == "done")
        #expect(try await company.database.read { try await AssignmentStore.load(db: $0) }.territories == [fine])
    }

    /// A pool administrator hands waiting customers to their territories' people; the rest wait on.
    @Test(arguments: TestBackend.available)
    func poolCustomersAreAssignedByTerritory(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let admin = company.context(company.admin)
        try await Pools.ensureDefault(company.database)
        let suzhou = try await company.customer("苏州客户", by: company.repOne, extra: ["province": .string("江苏"), "city": .string("苏州")])
        let lhasa = try await company.customer("拉萨客户", by: company.repOne, extra: ["province": .string("西藏")])
        let pools = PoolService(records: company.records)
        try await pools.giveBack([suzhou.id, lhasa.id], reason: "无人跟进", context: company.context(company.repOne))
        try await AssignmentStore.save(AssignmentSetup(territories: [Territory(name: "苏州", cities: ["苏州"], assignee: .user(company.repTwo.userId))]),
                                       context: admin, database: company.database)
        #expect(await BulkActionTests.outcome {
            _ = try await pools.assignByTerritory([suzhou.id], context: company.context(company.repTwo))
        } == "forbidden")
        #expect(try await pools.assignByTerritory([suzhou.id, lhasa.id], context: admin) == 1)
        let customers = company.entity("customer")
        #expect(try await company.database.find(customers, id: suzhou.id, scope: ScopeFilter(.everything))?.ownerId == company.repTwo.userId)
        #expect(try await company.database.find(customers, id: lhasa.id, scope: ScopeFilter(.everything))?.ownerId == nil)
        let events = try await company.database.read { try await Pools.events(customerId: suzhou.id, db: $0) }
        #expect(events.first?.kind == "assign")
    }
}
