import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

extension Company {
    /// Two products (list prices 1,000.00 and 250.00 at 13% and 6%) and a price book for
    /// grade A customers that sells the first at 900.00.
    func catalogue() async throws -> (first: Record, second: Record) {
        let admin = self.context(self.admin)
        let category = try await self.records.create(self.entity("product_category"), input: ["name": .string("软件")], context: admin).record
        let first = try await self.records.create(self.entity("product"), input: [
            "name": .string("CRM 标准版"), "code": .string("CRM-STD"), "category_id": .number(String(category.id)), "unit": .string("套"),
            "list_price": .string("1000"), "tax_rate": .string("13"),
        ], context: admin).record
        let second = try await self.records.create(self.entity("product"), input: [
            "name": .string("实施服务"), "code": .string("SVC-DAY"), "unit": .string("人天"), "list_price": .string("250"), "tax_rate": .string("6"),
        ], context: admin).record
        let book = try await self.records.create(self.entity("price_book"), input: [
            "name": .string("A 级客户价"), "grade": .string("A"),
        ], context: admin).record
        _ = try await self.records.create(self.entity("price_book_entry"), input: [
            "price_book_id": .number(String(book.id)), "product_id": .number(String(first.id)), "price": .string("900"),
        ], context: admin)
        return (first, second)
    }

    func quotation(_ customer: Record, by actor: Actor, lines: [[String: String]]) async throws -> Record {
        try await self.records.create(self.entity("quotation"), input: [
            "subject": .string("年度订阅"), "customer_id": .number(String(customer.id)), "quote_date": .string("2026-11-20"),
            "valid_until": .string("2026-12-20"), "lines": .rows(lines),
        ], context: self.context(actor)).record
    }
}

/// Quotations: one price for a customer whoever quotes, exact totals, numbers, and approval
/// when a discount goes beyond the quoting person's limit.
@Suite struct QuotationTests {
    @Test(arguments: TestBackend.available)
    func aCustomerGetsOnePriceWhoeverQuotes(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let (first, second) = try await company.catalogue()
        let gradeA = try await company.customer("甲级客户", by: company.repOne, extra: ["grade": .string("A")])
        let gradeB = try await company.customer("乙级客户", by: company.repOne, extra: ["grade": .string("B")])
        let lines = [["product_code": "CRM-STD", "quantity": "3"], ["product_id": String(second.id), "quantity": "2.5", "discount": "10"]]
        let byRep = try await company.quotation(gradeA, by: company.repOne, lines: lines)
        let byManager = try await company.quotation(gradeA, by: company.managerOne, lines: lines)
        let listPriced = try await company.quotation(gradeB, by: company.repOne, lines: lines)
        let priced = LineItems.decode(byRep["lines"])
        #expect(priced.map(\.listPrice) == [900_00, 250_00])
        #expect(priced.first?.productId == first.id && priced.first?.name == "CRM 标准版")
        #expect(LineItems.decode(byManager["lines"]) == priced)
        #expect(LineItems.decode(listPriced["lines"]).map(\.listPrice) == [1000_00, 250_00])
        // 3 x 900 = 2,700 at 13% = 351; 2.5 x 250 x 0.9 = 562.50 at 6% = 33.75.
        #expect(byRep["amount"] == .integer(3_262_50) && byRep["tax"] == .integer(384_75) && byRep["total"] == .integer(3_647_25))
        #expect(byRep["discount_amount"] == .integer(62_50) && byRep["max_discount"] == .integer(1000))
        #expect(byRep["status"] == .text("draft") && byRep["revision"] == .integer(1))
        let year = DateTimeText.day(Clock.millis(), timeZone: .shanghai).year
        #expect([byRep, byManager, listPriced].map { $0["number"].textValue ?? "" } == (1...3).map { "BJ-\(year)-000\($0)" })
        // Unknown or withdrawn products, and a contact of another customer, are refused.
        #expect(await BulkActionTests.outcome {
            _ = try await company.quotation(gradeA, by: company.repOne, lines: [["product_code": "NOPE", "quantity": "1"]])
        } == "lines:line_product_unavailable")
        let otherContact = try await company.records.create(company.entity("contact"), input: [
            "customer_id": .number(String(gradeB.id)), "name": .string("乙方联系人")], context: company.context(company.repOne)).record
        #expect(await BulkActionTests.outcome {
            _ = try await company.records.update(company.entity("quotation"), id: byRep.id, input: ["contact_id": .number(String(otherContact.id))],
                                                 expectedVersion: nil, context: company.context(company.repOne))
        } == "contact_id:other_parent")
        // A rep sees the catalogue but does not change it; product codes are unique.
        #expect(await BulkActionTests.outcome {
            _ = try await company.records.update(company.entity("product"), id: first.id, input: ["list_price": .string("1")],
                                                 expectedVersion: nil, context: company.context(company.repOne))
        } == "forbidden")
        #expect(await BulkActionTests.outcome {
            _ = try await company.records.create(company.entity("product"), input: [
                "name": .string("重复"), "code": .string("CRM-STD"), "list_price": .string("1"), "tax_rate": .string("0")],
                context: company.context(company.admin))
        } == "code:taken")
    }

    @Test(arguments: TestBackend.available)
    func aDiscountBeyondTheLimitWaitsForTheManager(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        _ = try await company.catalogue()
        let customer = try await company.customer("折扣客户", by: company.repOne)
        let quotations = company.entity("quotation"), records = company.records
        let rep = company.context(company.repOne), manager = company.context(company.managerOne)

        let modest = try await company.quotation(customer, by: company.repOne, lines: [["product_code": "CRM-STD", "quantity": "1", "discount": "10"]])
        #expect(try await records.submit(quotations, id: modest.id, context: rep)["status"] == .text("approved"))
        #expect(try await ApprovalQueue.history(quotations, recordId: modest.id, database: company.database).isEmpty)

        let deep = try await company.quotation(customer, by: company.repOne, lines: [["product_code": "CRM-STD", "quantity": "1", "discount": "15"]])
        #expect(try await records.submit(quotations, id: deep.id, context: rep)["status"] == .text("pending"))
        // Submitted, it is locked.
        #expect(await BulkActionTests.outcome {
            _ = try await records.update(quotations, id: deep.id, input: ["subject": .string("改")], expectedVersion: nil, context: rep)
        } == "status:locked")
        var approval = try #require(try await ApprovalQueue.history(quotations, recordId: deep.id, database: company.database).first)
        #expect(approval.steps.map(\.approverId) == [company.managerOne.userId])
        let queue = try await company.database.read { try await ApprovalQueue.items(for: company.managerOne, db: $0) }
        #expect(queue.map(\.recordId) == [deep.id])
        #expect(await BulkActionTests.outcome {
            _ = try await records.decide(approval: approval.id, approve: true, comment: "", context: company.context(company.repOneB))
        } == "forbidden")
        #expect(await BulkActionTests.outcome {
            _ = try await records.decide(approval: approval.id, approve: false, comment: "", context: manager)
        } == "comment:required")
        approval = try await records.decide(approval: approval.id, approve: false, comment: "折扣太大", context: manager)
        #expect(approval.state == .rejected && approval.steps.first?.comment == "折扣太大")
        var current = try #require(try await company.database.find(quotations, id: deep.id, scope: ScopeFilter(.everything)))
        #expect(current["status"] == .text("draft"))
        let notices = try await company.database.read { try await Notices.unread(userId: company.repOne.userId, db: $0) }
        #expect(notices.first?.kind == "approval_rejected")

        // Submitted again and withdrawn; then again, and approved.
        _ = try await records.submit(quotations, id: deep.id, context: rep)
        #expect(try await records.withdraw(quotations, id: deep.id, context: rep)["status"] == .text("draft"))
        _ = try await records.submit(quotations, id: deep.id, context: rep)
        let pending = try #require(try await ApprovalQueue.history(quotations, recordId: deep.id, database: company.database).first)
        #expect(try await records.decide(approval: pending.id, approve: true, comment: "同意", context: manager).state == .approved)
        current = try #require(try await company.database.find(quotations, id: deep.id, scope: ScopeFilter(.everything)))
        #expect(current["status"] == .text("approved"))
        #expect(await BulkActionTests.outcome {
            _ = try await records.decide(approval: pending.id, approve: true, comment: "", context: manager)
        } == "approval:not_pending")
        let states = try await ApprovalQueue.history(quotations, recordId: deep.id, database: company.database).map(\.state)
        #expect(states == [.approved, .withdrawn, .rejected])
        let actions = try await company.database.read { try await AuditLog.history(entity: "quotation", recordId: deep.id, db: $0) }.map(\.action)
        #expect(actions.filter { [AuditAction.submit, .reject, .withdraw, .approve].contains($0) }.count == 6)
    }

    @Test(arguments: TestBackend.available)
    func aRevisionKeepsTheApprovedOne(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        _ = try await company.catalogue()
        let customer = try await company.customer("改版客户", by: company.repOne)
        let quotations = company.entity("quotation"), records = company.records, rep = company.context(company.repOne)
        let quote = try await company.quotation(customer, by: company.repOne, lines: [["product_code": "SVC-DAY", "quantity": "4"]])
        _ = try await records.submit(quotations, id: quote.id, context: rep)
        #expect(try await records.move(quotations, id: quote.id, to: "sent", context: rep)["status"] == .text("sent"))
        #expect(await BulkActionTests.outcome { _ = try await records.move(quotations, id: quote.id, to: "draft", context: rep) } == "status:not_a_move")
        let revised = try await records.revise(quotations, id: quote.id, context: rep)
        #expect(revised["status"] == .text("draft") && revised["revision"] == .integer(2) && revised["number"] == quote["number"])
        let edited = try await records.update(quotations, id: quote.id, input: ["lines": .rows([["product_code": "SVC-DAY", "quantity": "5"]])],
                                              expectedVersion: nil, context: rep)
        #expect(edited["amount"] == .integer(1_250_00))
        let kept = try await company.database.read { try await Revisions.list(quotations, recordId: quote.id, db: $0) }
        #expect(kept.map(\.revision) == [1])
        #expect(kept.first?.values["amount"] == "100000" && kept.first?.values["status"] == "sent")
    }

    @Test(arguments: TestBackend.available)
    func flowsAreChosenByRulesAndLeftStepsGoToTheAdministrators(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        _ = try await company.catalogue()
        let admin = company.context(company.admin)
        var setup = CommerceSetup()
        setup.flows.insert(ApprovalFlow(key: "big", name: "大额报价", entity: "quotation",
                                        conditions: [ApprovalCondition(kind: .atLeast, field: "total", value: "100000")],
                                        steps: [ApprovalStepRule(kind: .manager), ApprovalStepRule(kind: .user, userId: company.generalManager.userId)]), at: 0)
        try await CommerceSetupStore.save(setup, context: admin, database: company.database)
        let customer = try await company.customer("大客户", by: company.repOne)
        let quotations = company.entity("quotation"), records = company.records
        let big = try await company.quotation(customer, by: company.repOne, lines: [["product_code": "CRM-STD", "quantity": "100"]])
        _ = try await records.submit(quotations, id: big.id, context: company.context(company.repOne))
        var approval = try #require(try await ApprovalQueue.history(quotations, recordId: big.id, database: company.database).first)
        #expect(approval.flowName == "大额报价")
        #expect(approval.steps.map(\.approverId) == [company.managerOne.userId, company.generalManager.userId])
        approval = try await records.decide(approval: approval.id, approve: true, comment: "", context: company.context(company.managerOne))
        #expect(approval.state == .pending && approval.currentStep?.approverId == company.generalManager.userId)
        // The general manager leaves: the administrators decide in their place.
        var leave = DirectoryService.UserInput()
        leave.active = false
        _ = try await company.directory.updateUser(company.generalManager.userId, leave, expectedVersion: nil, context: admin)
        let adminQueue = try await company.database.read { try await ApprovalQueue.items(for: company.admin, db: $0) }
        #expect(adminQueue.map(\.approvalId) == [approval.id])
        approval = try await records.decide(approval: approval.id, approve: true, comment: "代批", context: admin)
        #expect(approval.state == .approved && approval.steps.last?.actedBy == company.admin.userId)

        // The general manager's own deep discount: no manager above them, so the administrators decide.
        let own = try await company.customer("总经理客户", by: company.managerOne)
        let mine = try await company.quotation(own, by: company.managerOne, lines: [["product_code": "SVC-DAY", "quantity": "1", "discount": "30"]])
        _ = try await records.submit(quotations, id: mine.id, context: company.context(company.managerOne))
        let managers = try #require(try await ApprovalQueue.history(quotations, recordId: mine.id, database: company.database).first)
        #expect(managers.steps.map(\.approverId) == [nil])
        #expect(await BulkActionTests.outcome {
            _ = try await CommerceSetupStore.save(CommerceSetup(numbering: ["quotation": "BJ"]), context: admin, database: company.database)
        } == "numbering.quotation:number_pattern")
    }
}
