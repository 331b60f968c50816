import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// From an accepted quotation to an order, a contract with approval, its payment plan,
/// payments and invoices, the aging report and the daily alerts.
@Suite struct ContractTests {
    static func acceptedQuotation(_ company: Company, customer: Record, quantity: String = "3") async throws -> Record {
        let quotations = company.entity("quotation"), rep = company.context(company.repOne)
        let quote = try await company.quotation(customer, by: company.repOne, lines: [["product_code": "CRM-STD", "quantity": quantity]])
        _ = try await company.records.submit(quotations, id: quote.id, context: rep)
        return try await company.records.move(quotations, id: quote.id, to: "accepted", context: rep)
    }

    @Test(arguments: TestBackend.available)
    func fromQuotationToCash(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        _ = try await company.catalogue()
        let records = company.records, rep = company.context(company.repOne)
        let (quotations, orders, contracts) = (company.entity("quotation"), company.entity("sales_order"), company.entity("contract"))
        let customer = try await company.customer("回款客户", by: company.repOne)
        let draft = try await company.quotation(customer, by: company.repOne, lines: [["product_code": "CRM-STD", "quantity": "1"]])
        #expect(await BulkActionTests.outcome { _ = try await records.derive(quotations, id: draft.id, into: orders, context: rep) } == "status:not_derivable")

        let quote = try await Self.acceptedQuotation(company, customer: customer)
        let order = try await records.derive(quotations, id: quote.id, into: orders, context: rep)
        #expect(order["status"] == .text("confirmed") && order["quotation_id"] == .integer(quote.id) && order["customer_id"] == .integer(customer.id))
        #expect(order["lines"] == quote["lines"] && order["total"] == quote["total"])
        #expect(try await records.move(orders, id: order.id, to: "in_delivery", context: rep)["status"] == .text("in_delivery"))
        let contract = try await records.derive(orders, id: order.id, into: contracts, context: rep)
        #expect(contract["amount"] == quote["total"] && contract["order_id"] == .integer(order.id) && contract["quotation_id"] == .integer(quote.id))
        #expect(contract["status"] == .text("draft") && contract["number"].textValue?.hasPrefix("HT-") == true)

        // Every contract is approved by the manager (below 100,000).
        #expect(try await records.submit(contracts, id: contract.id, context: rep)["status"] == .text("pending"))
        let approval = try #require(try await ApprovalQueue.history(contracts, recordId: contract.id, database: company.database).first)
        #expect(approval.flowName == "合同审批" && approval.steps.map(\.approverId) == [company.managerOne.userId])
        _ = try await records.decide(approval: approval.id, approve: true, comment: "", context: company.context(company.managerOne))
        #expect(try await records.move(contracts, id: contract.id, to: "signed", context: rep)["status"] == .text("signed"))

        // 3 x 1,000 = 3,000 + 13% = 3,390.00 in two instalments.
        #expect(contract["amount"] == .integer(3_390_00))
        #expect(await BulkActionTests.outcome {
            _ = try await records.replacePlan(contract: contract.id, with: [PlannedInstalment(label: "首付", dueDate: "2026-01-10", amount: "1000")], context: rep)
        } == "plan:plan_sum")
        let plan = try await records.replacePlan(contract: contract.id, with: [
            PlannedInstalment(label: "首付", dueDate: "2026-01-10", amount: "1000"),
            PlannedInstalment(label: "尾款", dueDate: "2026-06-30", amount: "2390"),
        ], context: rep)
        #expect(plan.map { $0["status"] } == [.text("open"), .text("open")] && plan.first?["customer_id"] == .integer(customer.id))
        #expect(await BulkActionTests.outcome {
            _ = try await records.create(company.entity("instalment"), input: ["contract_id": .number(String(contract.id)), "label": .string("私加"),
                                                                               "due_date": .string("2026-02-01"), "amount": .string("1")], context: rep)
        } == "contract_id:written_through_parent")

        let pay = { (instalment: Record?, amount: String) in
            var input: [String: InputValue] = ["contract_id": .number(String(contract.id)), "received_on": .string("2026-01-12"),
                                               "amount": .string(amount), "method": .string("bank_transfer")]
            if let instalment { input["instalment_id"] = .number(String(instalment.id)) }
            return try await records.create(company.entity("payment"), input: input, context: rep).record
        }
        _ = try await pay(plan[0], "400")
        let find = { (entity: String, id: Int64) in try #require(try await company.database.find(company.entity(entity), id: id, scope: ScopeFilter(.everything))) }
        #expect(try await find("instalment", plan[0].id)["status"] == .text("partial"))
        #expect(await BulkActionTests.outcome { _ = try await pay(plan[0], "600.01") } == "amount:exceeds_open")
        let rest = try await pay(plan[0], "600")
        #expect(try await find("instalment", plan[0].id)["status"] == .text("paid"))
        #expect(try await find("instalment", plan[0].id)["received"] == .integer(1_000_00))
        #expect(try await find("contract", contract.id)["received"] == .integer(1_000_00))
        // A paid instalment stays in the plan; a payment deleted opens it again.
        #expect(await BulkActionTests.outcome {
            _ = try await records.replacePlan(contract: contract.id, with: [PlannedInstalment(label: "全款", dueDate: "2026-06-30", amount: "3390")], context: rep)
        } == "plan:instalment_paid")
        try await records.delete(company.entity("payment"), id: rest.id, context: company.context(company.generalManager))
        #expect(try await find("instalment", plan[0].id)["status"] == .text("partial"))
        #expect(try await find("contract", contract.id)["received"] == .integer(400_00))
        _ = try await records.create(company.entity("invoice"), input: [
            "contract_id": .number(String(contract.id)), "number": .string("No.00012345"), "kind": .string("vat_special"),
            "issued_on": .string("2026-01-15"), "amount": .string("3390")], context: rep)
        #expect(try await find("contract", contract.id)["invoiced"] == .integer(3_390_00))
        // What the database keeps per day (by person) agrees with the instalments read one by one (by customer).
        let instalments = company.entity("instalment"), today = CalendarDay("2026-03-01")!
        let byOwner = try await company.database.aging(instalments, by: .owner, scope: ScopeFilter(.everything), today: today)
        let byCustomer = try await company.database.aging(instalments, by: .customer, scope: ScopeFilter(.everything), today: today)
        #expect(byOwner.rows.map(\.total) == [2_990_00] && byCustomer.rows.map(\.total) == [2_990_00] && byCustomer.sum == byOwner.sum)
        #expect(byOwner.rows.first?.upTo90 == 600_00 && byOwner.rows.first?.notDue == 2_390_00)
    }

    @Test(arguments: TestBackend.available)
    func largeContractsGoToTheGeneralManagerToo(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customer = try await company.customer("大单客户", by: company.repOne)
        let contracts = company.entity("contract"), rep = company.context(company.repOne)
        let contract = { (amount: String, start: String, end: String) in
            try await company.records.create(contracts, input: [
                "subject": .string("年度框架"), "customer_id": .number(String(customer.id)), "amount": .string(amount),
                "start_date": .string(start), "end_date": .string(end)], context: rep).record
        }
        #expect(await BulkActionTests.outcome { _ = try await contract("1", "2026-01-02", "2026-01-01") } == "end_date:before_start")
        let large = try await contract("100000", "2026-01-01", "2026-12-31")
        _ = try await company.records.submit(contracts, id: large.id, context: rep)
        let approval = try #require(try await ApprovalQueue.history(contracts, recordId: large.id, database: company.database).first)
        #expect(approval.flowName == "大额合同审批")
        #expect(approval.steps.map(\.approverId) == [company.managerOne.userId, company.generalManager.userId])
    }

    @Test(arguments: TestBackend.available)
    func agingAndAlertsFollowTheDueDays(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let records = company.records
        let contracts = company.entity("contract"), instalments = company.entity("instalment")
        let plan = { (actor: Actor, customer: String, dues: [String]) -> Record in
            let owner = try await company.customer(customer, by: actor)
            let contract = try await records.create(contracts, input: [
                "subject": .string(customer + "合同"), "customer_id": .number(String(owner.id)), "amount": .string(String(dues.count * 100)),
                "start_date": .string("2025-01-01"), "end_date": .string("2026-12-10")], context: company.context(actor)).record
            _ = try await records.replacePlan(contract: contract.id, with: dues.enumerated().map {
                PlannedInstalment(label: "第\($0.offset + 1)期", dueDate: $0.element, amount: "100")
            }, context: company.context(actor))
            return contract
        }
        // As of 2026-11-20: not due, 10 days, 45 days and 200 days overdue.
        let mine = try await plan(company.repOne, "甲", ["2026-12-01", "2026-11-10", "2026-10-06", "2026-05-04"])
        _ = try await plan(company.repTwo, "乙", ["2026-11-19"])
        let today = CalendarDay("2026-11-20")!
        let everyone = try await company.database.aging(instalments, by: .owner, scope: ScopeFilter(.everything), today: today).rows
        let first = try #require(everyone.first { $0.key == company.repOne.userId })
        #expect(first.notDue == 100_00 && first.upTo30 == 100_00 && first.upTo90 == 100_00 && first.over90 == 100_00 && first.total == 400_00)
        #expect(everyone.first { $0.key == company.repTwo.userId }?.upTo30 == 100_00)
        let own = try await company.database.aging(instalments, by: .customer, scope: company.repOne.filter(.view, on: "instalment"), today: today).rows
        #expect(own.count == 1 && own.first?.total == 400_00)

        // By customer from what the database keeps as of the latest day asked for, worked out again
        // when the day moves on and agreeing with the instalments; a reader a day behind reads those.
        let everything = ScopeFilter(.everything)
        let kept = { (day: String) in try await company.database.aging(instalments, by: .customer, scope: everything, today: CalendarDay(day)!).rows }
        let counted = { (day: String) in
            try await company.database.agingByCustomerFromInstalments(instalments, scope: everything, today: CalendarDay(day)!, limit: 200)
        }
        let (keptNow, countedNow) = (try await kept("2026-11-20"), try await counted("2026-11-20"))
        #expect(keptNow == countedNow && keptNow.count == 2)
        #expect(try await kept("2026-11-19").map(\.overdue).sorted() == [0, 300_00])
        #expect(try await company.database.keepReceivables(asOf: CalendarDay("2026-11-19")!) == "2026-11-20")
        let (keptLater, countedLater) = (try await kept("2026-12-02"), try await counted("2026-12-02"))
        #expect(keptLater == countedLater && keptLater.first?.upTo30 == 200_00)
        let tenth = try await company.database.read {
            try #require(try await $0.raw("SELECT id FROM instalments WHERE due_date = '2026-11-10'").first()).decode(column: "id", as: Int64.self)
        }
        _ = try await records.create(company.entity("payment"), input: [
            "contract_id": .number(String(mine.id)), "instalment_id": .number(String(tenth)), "received_on": .string("2026-12-01"),
            "amount": .string("40"), "method": .string("bank_transfer")], context: company.context(company.repOne))
        let (paid, countedPaid) = (try await kept("2026-12-02"), try await counted("2026-12-02"))
        #expect(paid == countedPaid && paid.first?.upTo30 == 160_00 && paid.first?.notDue == 0)

        // Overdue instalments tell their owner and the department's manager, once.
        let job = CommerceAlertsJob(database: company.database, catalog: company.catalog)
        let at = Clock.millis(DateTimeText.parse("2026-11-20T09:00:00+08:00", timeZone: .shanghai)!)
        var outcome = try await job.run(now: at, timeZone: .shanghai)
        #expect(outcome.overdue == 4 && outcome.renewals == 0)
        let manager = try await company.database.read { try await Notices.unread(userId: company.managerOne.userId, db: $0) }
        #expect(manager.filter { $0.kind == "instalment_overdue" }.count == 3)
        #expect(try await job.run(now: at, timeZone: .shanghai).overdue == 0)

        // A signed contract ending within its renewal days reminds its owner, once.
        _ = try await records.update(contracts, id: mine.id, input: ["renewal_days": .number("30")], expectedVersion: nil, context: company.context(company.repOne))
        _ = try await records.submit(contracts, id: mine.id, context: company.context(company.repOne))
        let approval = try #require(try await ApprovalQueue.history(contracts, recordId: mine.id, database: company.database).first)
        _ = try await records.decide(approval: approval.id, approve: true, comment: "", context: company.context(company.managerOne))
        _ = try await records.move(contracts, id: mine.id, to: "signed", context: company.context(company.repOne))
        outcome = try await job.run(now: at, timeZone: .shanghai)
        #expect(outcome.renewals == 1)
        #expect(try await job.run(now: at, timeZone: .shanghai).renewals == 0)
        let rep = try await company.database.read { try await Notices.unread(userId: company.repOne.userId, db: $0) }
        #expect(rep.first?.kind == "contract_renewal" && rep.first?.params["day"] == "2026-12-10")
    }

    @Test(arguments: TestBackend.available)
    func commissionsSplitByCategoryAndStayOnceClosed(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let (first, _) = try await company.catalogue()
        let category = try #require(first["category_id"].integerValue)
        var setup = CommerceSetup()
        setup.commissionRules = [CommissionRule(role: "sales_rep", percent: 200), CommissionRule(role: "sales_rep", categoryId: category, percent: 500)]
        try await CommerceSetupStore.save(setup, context: company.context(company.admin), database: company.database)
        let records = company.records, rep = company.context(company.repOne)
        let contracts = company.entity("contract")
        let customer = try await company.customer("提成客户", by: company.repOne)
        let quote = try await company.quotation(customer, by: company.repOne, lines: [["product_code": "CRM-STD", "quantity": "1"],
                                                                                      ["product_code": "SVC-DAY", "quantity": "4"]])
        _ = try await records.submit(company.entity("quotation"), id: quote.id, context: rep)
        _ = try await records.move(company.entity("quotation"), id: quote.id, to: "accepted", context: rep)
        let contract = try await records.derive(company.entity("quotation"), id: quote.id, into: contracts, context: rep)
        #expect(contract["amount"] == .integer(2_190_00))
        let pay = { (day: String, amount: String) in
            _ = try await records.create(company.entity("payment"), input: [
                "contract_id": .number(String(contract.id)), "received_on": .string(day), "amount": .string(amount),
                "method": .string("bank_transfer")], context: rep)
        }
        try await pay("2026-11-05", "1095")
        try await pay("2026-10-31", "5")
        let november = TargetPeriod("2026-11")!
        let people = try await company.database.read { try await Directory.users(db: $0) }.filter { $0.id == company.repOne.userId }
        let statement = try #require(try await Commissions.statements(november, for: people, timeZone: .shanghai, database: company.database).first)
        // 1,095 split 1,130 : 1,060 is 565.00 and 530.00; at 5% and 2%: 28.25 + 10.60.
        #expect(statement.lines.map(\.base) == [565_00, 530_00] && statement.lines.map(\.percent) == [500, 200])
        #expect(statement.total == 38_85 && statement.closedAt == nil)
        let targets = try await Targets.board(november, measure: .received, department: nil, actor: company.managerOne, timeZone: .shanghai,
                                              database: company.database)
        #expect(targets.people.first { $0.unit == .user(company.repOne.userId) }?.won == 1_095_00)

        #expect(await BulkActionTests.outcome {
            try await Commissions.close(november, context: company.context(company.managerOne), timeZone: .shanghai, database: company.database)
        } == "forbidden")
        try await Commissions.close(november, context: company.context(company.admin), timeZone: .shanghai, database: company.database)
        try await pay("2026-11-20", "100")
        let kept = try #require(try await Commissions.statements(november, for: people, timeZone: .shanghai, database: company.database).first)
        #expect(kept.total == 38_85 && kept.closedAt != nil && kept.lines == statement.lines)
        #expect(await BulkActionTests.outcome {
            try await Commissions.close(november, context: company.context(company.admin), timeZone: .shanghai, database: company.database)
        } == "period:already_closed")
    }

    @Test(arguments: TestBackend.available)
    func quotationsExpireAndPayablesSettle(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        _ = try await company.catalogue()
        let records = company.records, rep = company.context(company.repOne), quotations = company.entity("quotation")
        let customer = try await company.customer("过期客户", by: company.repOne)
        let quote = try await company.quotation(customer, by: company.repOne, lines: [["product_code": "SVC-DAY", "quantity": "1"]])
        _ = try await records.submit(quotations, id: quote.id, context: rep)
        let job = CommerceAlertsJob(database: company.database, catalog: company.catalog)
        let at = Clock.millis(DateTimeText.parse("2026-12-21T09:00:00+08:00", timeZone: .shanghai)!)
        #expect(try await job.run(now: at, timeZone: .shanghai).expired == 1)
        let expired = try #require(try await company.database.find(quotations, id: quote.id, scope: ScopeFilter(.everything)))
        #expect(expired["status"] == .text("expired"))
        let history = try await company.database.read { try await AuditLog.history(entity: "quotation", recordId: quote.id, db: $0) }
        #expect(history.first?.action == .expire && history.first?.userId == nil)

        let admin = company.context(company.admin)
        let supplier = try await records.create(company.entity("supplier"), input: ["name": .string("上游供应商")], context: admin).record
        let payable = try await records.create(company.entity("payable"), input: [
            "supplier_id": .number(String(supplier.id)), "label": .string("服务器采购"), "due_date": .string("2026-12-01"), "amount": .string("500")],
            context: admin).record
        let pay = { (amount: String) in
            _ = try await records.create(company.entity("supplier_payment"), input: [
                "supplier_id": .number(String(supplier.id)), "payable_id": .number(String(payable.id)), "paid_on": .string("2026-12-02"),
                "amount": .string(amount), "method": .string("bank_transfer")], context: admin)
        }
        try await pay("200")
        #expect(await BulkActionTests.outcome { try await pay("300.01") } == "amount:exceeds_open")
        try await pay("300")
        let settled = try #require(try await company.database.find(company.entity("payable"), id: payable.id, scope: ScopeFilter(.everything)))
        #expect(settled["paid"] == .integer(500_00) && settled["status"] == .text("paid"))
        #expect(await BulkActionTests.outcome {
            _ = try await records.create(company.entity("supplier"), input: ["name": .string("销售自建")], context: rep)
        } == "forbidden")
    }
}
