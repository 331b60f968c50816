import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

@Suite struct OpportunityTests {
    /// Moving to a stage sets its probability, a lost deal needs its reason, and every stage and
    /// owner is kept with when it began and ended, whichever way the write came.
    @Test(arguments: TestBackend.available)
    func stagesSetProbabilityAndKeepTheirHistory(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customer = try await company.customer("上海远航机械有限公司", by: company.repOne)
        let opportunities = company.entity("opportunity")
        let context = company.context(company.repOne)
        let created = try await company.records.create(opportunities, input: [
            "name": .string("二期产线改造"), "customer_id": .string(String(customer.id)), "amount": .string("120000"),
            "stage": .string("initial"), "probability": .string("90"),
        ], context: context).record
        #expect(created["probability"] == .integer(10))
        let proposal = try await company.records.update(opportunities, id: created.id, input: ["stage": .string("proposal")],
                                                        expectedVersion: created.version, context: context)
        #expect(proposal["probability"] == .integer(50))

        await #expect {
            _ = try await company.records.update(opportunities, id: created.id, input: ["stage": .string("lost")],
                                                 expectedVersion: proposal.version, context: context)
        } throws: { error in
            guard case RecordError.invalid(let failure) = error else { return false }
            return failure.fields["lost_reason"]?.code == "required"
        }
        let unchanged = try #require(try await company.database.find(opportunities, id: created.id, scope: ScopeFilter(.everything)))
        #expect(unchanged["stage"] == .text("proposal"))

        let lost = try await company.records.update(opportunities, id: created.id,
                                                    input: ["stage": .string("lost"), "lost_reason": .string("price")],
                                                    expectedVersion: proposal.version, context: context)
        #expect(lost["probability"] == .integer(0))
        let periods = try await company.database.periods(opportunities, recordId: created.id, actor: company.repOne)
        #expect(periods.filter { $0.field == "stage" }.map(\.value) == ["initial", "proposal", "lost"])
        #expect(periods.filter { $0.field == "stage" && $0.endedAt == nil }.map(\.value) == ["lost"])
        #expect(periods.filter { $0.field == "owner_id" }.map(\.value) == [String(company.repOne.userId)])
        #expect(try await company.database.periods(opportunities, recordId: created.id, actor: company.repTwo).isEmpty)
    }

    /// A board's column totals count and sum only what the viewer's scope holds.
    @Test(arguments: TestBackend.available)
    func stageTotalsKeepToTheScope(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let opportunities = company.entity("opportunity")
        for (actor, amount, stage) in [(company.repOne, "100.50", "initial"), (company.repOne, "200", "initial"),
                                       (company.repOne, "300", "proposal"), (company.repTwo, "999", "initial")] {
            let customer = try await company.customer("客户" + UUID().uuidString.prefix(8), by: actor)
            _ = try await company.records.create(opportunities, input: [
                "name": .string("商机"), "customer_id": .string(String(customer.id)), "amount": .string(amount), "stage": .string(stage),
            ], context: company.context(actor))
        }
        let mine = try await company.database.totals(opportunities, by: "stage", summing: "amount", query: ListQuery(),
                                                     scope: company.repOne.filter(.view, on: "opportunity"))
        #expect(Set(mine.map { "\($0.value) \($0.count) \($0.sum)" }) == ["initial 2 30050", "proposal 1 30000"])
        let everyone = try await company.database.totals(opportunities, by: "stage", summing: "amount", query: ListQuery(),
                                                         scope: company.generalManager.filter(.view, on: "opportunity"))
        #expect(everyone.first { $0.value == "initial" }?.count == 3)
    }

    /// Open deals by month of their expected close: weighted once and rounded half up to the
    /// fen; committed counts 70% and above; won and lost deals are not forecast.
    @Test(arguments: TestBackend.available)
    func forecastWeighsOpenDealsByMonth(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let opportunities = company.entity("opportunity")
        let customer = try await company.customer("广州华夏建材有限公司", by: company.repOne)
        for (amount, stage, close) in [("100.01", "initial", "2026-12-05"), ("200", "negotiation", "2026-12-20"),
                                       ("500", "needs", "2027-01-10"), ("999", "won", "2026-12-01")] {
            var input: [String: InputValue] = ["name": .string("单"), "customer_id": .string(String(customer.id)), "amount": .string(amount),
                                               "stage": .string(stage), "expected_close": .string(close)]
            if stage == "lost" { input["lost_reason"] = .string("price") }
            _ = try await company.records.create(opportunities, input: input, context: company.context(company.repOne))
        }
        let months = try await company.database.forecast(opportunities, query: ListQuery(), scope: ScopeFilter(.everything))
        #expect(months.map(\.period) == ["2026-12", "2027-01"])
        // 10001 x 10% + 20000 x 70% = 1000.1 + 14000 fen, rounded once: 15000 fen.
        #expect(months[0].weighted == 15000)
        #expect(months[0].committed == 20000)
        #expect(months[0].count == 2)
        #expect(months[1].weighted == 15000)
        #expect(months[1].committed == 0)

        let quarters = try await company.database.forecast(opportunities, query: ListQuery(), scope: ScopeFilter(.everything),
                                                           period: .quarter, by: .owner)
        #expect(quarters.map(\.period) == ["2026-Q4", "2027-Q1"])
        #expect(quarters.allSatisfy { $0.group == company.repOne.userId })
        #expect(quarters.map(\.weighted) == [15000, 15000])
    }

    /// Win rate and cycle length come from the deals' status and closing time, whatever the
    /// stages are called; reopening a deal clears its closing time.
    @Test(arguments: TestBackend.available)
    func closedDealsGiveWinRateAndCycle(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let opportunities = company.entity("opportunity")
        let customer = try await company.customer("杭州明远科技有限公司", by: company.repOne)
        let context = company.context(company.repOne)
        var ids: [Int64] = []
        for stage in ["won", "won", "lost", "initial"] {
            var input: [String: InputValue] = ["name": .string("单"), "customer_id": .string(String(customer.id)), "amount": .string("100"),
                                               "stage": .string(stage)]
            if stage == "lost" { input["lost_reason"] = .string("price") }
            ids.append(try await company.records.create(opportunities, input: input, context: context).record.id)
        }
        let closed = try await company.database.closedDeals(opportunities, query: ListQuery(), scope: ScopeFilter(.everything))
        #expect(closed.won == 2 && closed.lost == 1 && closed.wonAmount == 20000)
        #expect(closed.winRate == 67)
        #expect(try #require(closed.averageDaysToWin) < 1)
        let won = try #require(try await company.database.find(opportunities, id: ids[0], scope: ScopeFilter(.everything)))
        #expect(won["status"] == .text("won") && won["closed_at"].integerValue != nil)
        let reopened = try await company.records.update(opportunities, id: ids[0], input: ["stage": .string("needs")],
                                                        expectedVersion: won.version, context: context)
        #expect(reopened["status"] == .text("open") && reopened["closed_at"] == .null)
    }

    /// Competitors are met on deals; a competitor's record counts the deals won, lost and open
    /// against it, within the viewer's scope, and a deal's competitors follow its owner.
    @Test(arguments: TestBackend.available)
    func competitorsCountDealsWonAndLost(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let (opportunities, competitors, links) = (company.entity("opportunity"), company.entity("competitor"), company.entity("deal_competitor"))
        let context = company.context(company.repOne)
        let rival = try await company.records.create(competitors, input: ["name": .string("用友网络")], context: context).record
        let customer = try await company.customer("苏州恒力精密制造有限公司", by: company.repOne)
        for stage in ["won", "lost", "lost", "proposal"] {
            var input: [String: InputValue] = ["name": .string("ERP 选型"), "customer_id": .string(String(customer.id)), "amount": .string("80000"),
                                               "stage": .string(stage)]
            if stage == "lost" { input["lost_reason"] = .string("competitor") }
            let deal = try await company.records.create(opportunities, input: input, context: context).record
            let link = try await company.records.create(links, input: [
                "opportunity_id": .string(String(deal.id)), "competitor_id": .string(String(rival.id)),
                "threat": .string("high"), "assessment": .string("对手报价低 10%"),
            ], context: context).record
            #expect(link.ownerId == company.repOne.userId)
        }
        let mine = try await company.database.headToHead(competitorId: rival.id, catalog: company.catalog,
                                                         scope: company.repOne.filter(.view, on: "opportunity"))
        #expect(mine == ["won": 1, "lost": 2, "open": 1])
        let theirs = try await company.database.headToHead(competitorId: rival.id, catalog: company.catalog,
                                                           scope: company.repTwo.filter(.view, on: "opportunity"))
        #expect(theirs.isEmpty)
    }

    /// Administrators add pipelines with their own stages; a deal must be in a stage of its
    /// pipeline, and a stage still in use cannot be taken away.
    @Test(arguments: TestBackend.available)
    func configuredPipelinesDriveStages(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let opportunities = company.entity("opportunity")
        var setup = SalesSetup.standard
        setup.pipelines.append(Pipeline(key: "projects", name: "项目型销售", stages: [
            SalesStage(key: "projects_bid", name: "投标", probability: 40, outcome: .open),
            SalesStage(key: "projects_won", name: "中标", probability: 100, outcome: .won),
            SalesStage(key: "projects_lost", name: "未中标", probability: 0, outcome: .lost),
        ]))
        setup.lostReasons.append(ConfiguredOption(key: "tender_rules", label: "招标规则限制"))
        await #expect { try await SalesSetupStore.save(setup, context: company.context(company.repOne), database: company.database) } throws: { error in
            if case RecordError.forbidden = error { true } else { false }
        }
        try await SalesSetupStore.save(setup, context: company.context(company.admin), database: company.database)
        let customer = try await company.customer("南京江北新区建设集团", by: company.repOne)
        let context = company.context(company.repOne)
        let input: [String: InputValue] = ["name": .string("园区智能化"), "customer_id": .string(String(customer.id)),
                                           "amount": .string("500000"), "pipeline": .string("projects"), "stage": .string("initial")]
        await #expect { _ = try await company.records.create(opportunities, input: input, context: context) } throws: { error in
            guard case RecordError.invalid(let failure) = error else { return false }
            return failure.fields["stage"]?.code == "not_in_pipeline"
        }
        var bid = input
        bid["stage"] = .string("projects_bid")
        let created = try await company.records.create(opportunities, input: bid, context: context).record
        #expect(created["probability"] == .integer(40) && created["status"] == .text("open"))
        let lost = try await company.records.update(opportunities, id: created.id,
                                                    input: ["stage": .string("projects_lost"), "lost_reason": .string("tender_rules")],
                                                    expectedVersion: created.version, context: context)
        #expect(lost["status"] == .text("lost"))
        let plain = try await company.records.create(opportunities, input: [
            "name": .string("默认流程"), "customer_id": .string(String(customer.id)), "amount": .string("1"), "stage": .string("needs"),
        ], context: context).record
        #expect(plain["pipeline"] == .text("default"))

        var shorter = setup
        shorter.pipelines[1].stages.removeAll { $0.key == "projects_lost" }
        shorter.pipelines[1].stages.append(SalesStage(key: "projects_dropped", probability: 0, outcome: .lost))
        await #expect { try await SalesSetupStore.save(shorter, context: company.context(company.admin), database: company.database) } throws: { error in
            guard case RecordError.invalid(let failure) = error else { return false }
            return failure.fields["stage"]?.code == "in_use"
        }
        var broken = setup
        broken.pipelines[1].stages.removeAll { $0.outcome == .won }
        await #expect(throws: RecordError.self) {
            try await SalesSetupStore.save(broken, context: company.context(company.admin), database: company.database)
        }
        #expect(try await company.database.read { try await SalesSetupStore.load(db: $0) } == setup)
    }

    /// Roles stored before an entity existed get its default grants, and keep their own.
    @Test(arguments: TestBackend.available)
    func storedRolesGainNewEntitiesOnly(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        var older = DefaultRoles.salesRep
        older.grants["opportunity"] = nil
        older.grants["customer"]?[.view] = .departmentTree
        let stored = older
        try await company.database.write { db in try await Bootstrap.upsertRole(stored, name: stored.name, builtIn: true, db: db) }
        try await Bootstrap.ensureDefaultRoles(company.database)
        let roles = try await company.database.read { try await Directory.roles(db: $0) }
        let rep = try #require(roles.first { $0.role.key == "sales_rep" })
        #expect(rep.role.grants["opportunity"]?[.view] == .own)
        #expect(rep.role.grants["customer"]?[.view] == .departmentTree)
    }
}

/// The people of a customer involved in a deal, with their part in it.
@Suite struct DealContactTests {
    @Test(arguments: TestBackend.available)
    func aDealsContactsComeFromItsCustomer(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let (deals, contacts, involved) = (company.entity("opportunity"), company.entity("contact"), company.entity("deal_contact"))
        let rep = company.context(company.repOne)
        let customer = try await company.customer("苏州精工机械", by: company.repOne)
        let other = try await company.customer("无锡电子", by: company.repOne)
        let deal = try await company.records.create(deals, input: ["name": .string("产线改造"), "customer_id": .string(String(customer.id)),
                                                                   "amount": .string("300000"), "stage": .string("needs")], context: rep).record
        let buyer = try await company.records.create(contacts, input: ["customer_id": .string(String(customer.id)), "name": .string("王总")], context: rep).record
        let stranger = try await company.records.create(contacts, input: ["customer_id": .string(String(other.id)), "name": .string("李工")], context: rep).record
        let link = { (contact: Record) in
            try await company.records.create(involved, input: ["opportunity_id": .string(String(deal.id)), "contact_id": .string(String(contact.id)),
                                                               "role": .string("decision_maker"), "summary": .string("拍板人，关注交期")], context: rep).record
        }
        let made = try await link(buyer)
        #expect(made.ownerId == company.repOne.userId)
        #expect(await BulkActionTests.outcome { _ = try await link(stranger) } == "contact_id:other_parent")
        // It follows the deal's owner, and a colleague elsewhere cannot see it.
        #expect(try await company.database.find(involved, id: made.id, scope: company.repTwo.filter(.view, on: "deal_contact")) == nil)
    }
}
