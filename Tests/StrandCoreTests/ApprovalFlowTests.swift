import Foundation
import StrandCore
import Testing

/// Approval flows (审批流): which flow a quotation or contract goes through, chosen by its
/// conditions in the administrator's order, and whom each of its steps asks, in order.
@Suite struct ApprovalFlowTests {
    let setup = CommerceSetup()

    /// A maintenance contract; its amount, when given, in fen as stored.
    func contract(fen: Int64?) -> [String: FieldValue] {
        var values: [String: FieldValue] = ["subject": .text("苏州恒力机械 2026年度维保合同"), "customer_id": .integer(31)]
        if let fen { values["amount"] = .integer(fen) }
        return values
    }

    @Test func theStandardFlowsApproveDiscountsAndContracts() {
        #expect(ApprovalFlow.standard.map(\.key) == ["quotation_discount", "contract_large", "contract"])
        #expect(ApprovalFlow.standard.map(\.entity) == ["quotation", "contract", "contract"])
        #expect(self.setup.flows == ApprovalFlow.standard)
        // Orders are never approved.
        #expect(self.setup.flow(for: "sales_order", values: ["amount": .integer(50_000_000)], overDiscountLimit: true) == nil)
    }

    @Test func aQuotationNeedsItsManagersApprovalOnlyBeyondTheDiscountLimit() {
        let quotation: [String: FieldValue] = ["subject": .text("宁波港务 监控设备报价"), "amount": .integer(12_800_000), "max_discount": .integer(1_500)]
        #expect(self.setup.flow(for: "quotation", values: quotation, overDiscountLimit: false) == nil)
        let flow = self.setup.flow(for: "quotation", values: quotation, overDiscountLimit: true)
        #expect(flow?.key == "quotation_discount" && flow?.name == "报价折扣审批")
        #expect(flow?.steps == [ApprovalStepRule(kind: .manager)])
        // A sales rep may give 10% without approval, a manager 20%, an administrator anything.
        #expect(self.setup.discountLimit(roles: ["sales_rep"], isAdmin: false) == 1_000)
        #expect(self.setup.discountLimit(roles: ["sales_rep", "manager"], isAdmin: false) == 2_000)
        #expect(self.setup.discountLimit(roles: ["finance"], isAdmin: false) == 0)
        #expect(self.setup.discountLimit(roles: [], isAdmin: true) == 10_000)
    }

    @Test func aContractOf100000YuanGoesToTheManagerAndThenTheGeneralManager() {
        let large = self.setup.flow(for: "contract", values: self.contract(fen: 10_000_000), overDiscountLimit: false)
        #expect(large?.key == "contract_large")
        #expect(large?.steps.map(\.kind) == [.manager, .role])
        #expect(large?.steps.map(\.searchedRole) == ["manager", "general_manager"])
        #expect(self.setup.flow(for: "contract", values: self.contract(fen: 86_000_000), overDiscountLimit: false)?.key == "contract_large")
        // One fen short of 100,000 yuan: the manager alone.
        let small = self.setup.flow(for: "contract", values: self.contract(fen: 9_999_999), overDiscountLimit: false)
        #expect(small?.key == "contract" && small?.steps == [ApprovalStepRule(kind: .manager)])
        // A contract without an amount meets no amount condition, so it takes the general flow.
        #expect(self.setup.flow(for: "contract", values: self.contract(fen: nil), overDiscountLimit: false)?.key == "contract")
    }

    @Test func amountConditionsReadTheFigureInYuanAsTyped() {
        let atLeast = ApprovalCondition(kind: .atLeast, field: "amount", value: "50000.5")
        let below = ApprovalCondition(kind: .below, field: "amount", value: "50000.5")
        #expect(atLeast.holds(["amount": .integer(5_000_050)], overDiscountLimit: false))
        #expect(!atLeast.holds(["amount": .integer(5_000_049)], overDiscountLimit: false))
        #expect(below.holds(["amount": .integer(5_000_049)], overDiscountLimit: false))
        #expect(!below.holds(["amount": .integer(5_000_050)], overDiscountLimit: false))
        // A figure that is not a plain number ("5万", "50,000") and a missing amount hold for neither.
        for figure in ["5万", "50,000", "50000.001", ""] {
            #expect(!ApprovalCondition(kind: .atLeast, field: "amount", value: figure).holds(["amount": .integer(9_000_000)], overDiscountLimit: false))
            #expect(!ApprovalCondition(kind: .below, field: "amount", value: figure).holds(["amount": .integer(100)], overDiscountLimit: false))
        }
        #expect(!below.holds([:], overDiscountLimit: false))
        #expect(!below.holds(["amount": .text("100")], overDiscountLimit: false))
    }

    @Test func choiceAndDiscountConditions() {
        let currency = ApprovalCondition(kind: .equals, field: "currency", value: "USD")
        #expect(currency.holds(["currency": .text("USD")], overDiscountLimit: false))
        #expect(!currency.holds(["currency": .text("CNY")], overDiscountLimit: false))
        #expect(!currency.holds([:], overDiscountLimit: false))
        let discount = ApprovalCondition(kind: .overDiscountLimit)
        #expect(discount.holds([:], overDiscountLimit: true))
        #expect(!discount.holds(["max_discount": .integer(9_000)], overDiscountLimit: false))
    }

    @Test func everyConditionMustHoldAndTheFirstMatchingFlowWins() {
        // Framework agreements of a million and more also go past 法务 (user 5) and the finance director.
        let framework = ApprovalFlow(key: "framework", name: "框架协议审批", entity: "contract",
                                     conditions: [ApprovalCondition(kind: .atLeast, field: "amount", value: "1000000"),
                                                  ApprovalCondition(kind: .equals, field: "contract_type", value: "framework")],
                                     steps: [ApprovalStepRule(kind: .manager), ApprovalStepRule(kind: .user, userId: 5),
                                             ApprovalStepRule(kind: .role, role: "finance_director")])
        let setup = CommerceSetup(flows: [framework] + ApprovalFlow.standard)
        var values = self.contract(fen: 150_000_000)
        values["contract_type"] = .text("framework")
        let chosen = setup.flow(for: "contract", values: values, overDiscountLimit: false)
        #expect(chosen?.key == "framework")
        #expect(chosen?.steps.map(\.searchedRole) == ["manager", nil, "finance_director"])
        #expect(chosen?.steps[1].userId == 5)
        // The same amount on an ordinary contract fails one condition and falls to the next flow.
        values["contract_type"] = .text("standard")
        #expect(setup.flow(for: "contract", values: values, overDiscountLimit: false)?.key == "contract_large")
        // Listed after the catch-all contract flow, a flow is never reached.
        let late = CommerceSetup(flows: ApprovalFlow.standard + [framework])
        values["contract_type"] = .text("framework")
        #expect(late.flow(for: "contract", values: values, overDiscountLimit: false)?.key == "contract_large")
        // With no flows at all, nothing needs approval.
        #expect(CommerceSetup(flows: []).flow(for: "contract", values: values, overDiscountLimit: true) == nil)
    }

    @Test func stepsReadAndWriteTheAPIsJSON() throws {
        let step = try JSONDecoder().decode(ApprovalStepRule.self, from: Data(#"{"kind":"user","user_id":3}"#.utf8))
        #expect(step == ApprovalStepRule(kind: .user, userId: 3))
        #expect(step.searchedRole == nil)
        let written = String(decoding: try JSONEncoder().encode(ApprovalStepRule(kind: .user, userId: 3)), as: UTF8.self)
        #expect(written.contains(#""user_id":3"#))
        // A role step without a role searches for nothing.
        #expect(ApprovalStepRule(kind: .role).searchedRole == nil)
        let flows = try JSONDecoder().decode([ApprovalFlow].self, from: JSONEncoder().encode(ApprovalFlow.standard))
        #expect(flows == ApprovalFlow.standard)
        #expect(try JSONDecoder().decode(CommerceSetup.self, from: Data("{}".utf8)).flows == ApprovalFlow.standard)
    }
}
