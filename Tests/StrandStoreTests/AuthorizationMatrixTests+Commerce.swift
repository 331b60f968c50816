import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// The commercial actions of every default role against documents of their own, their
/// department's and another department's: view, edit and submit a quotation, make a contract
/// from it, change a contract's plan, record a payment; decide an approval (only its approver);
/// change the catalogue (general manager and administrators); close commissions
/// (administrators). A refused action changes nothing and writes no audit row.
extension AuthorizationMatrixTests {
    enum CommerceAction: String, CaseIterable { case view, edit, submit, derive, plan, pay }

    static let commerceExpected: [String: [Target: Outcome]] = [
        "sales_rep": [.own: .allowed, .sameDepartment: .notFound, .otherDepartment: .notFound],
        "manager": [.own: .allowed, .sameDepartment: .allowed, .otherDepartment: .notFound],
        "general_manager": [.own: .allowed, .sameDepartment: .allowed, .otherDepartment: .allowed],
        "admin": [.own: .allowed, .sameDepartment: .allowed, .otherDepartment: .allowed],
    ]

    /// Per role: changing a product, deciding the manager's approval step, closing commissions.
    static let commerceSetupExpected: [String: (catalogue: Outcome, decide: Outcome, close: Outcome)] = [
        "sales_rep": (.forbidden, .forbidden, .forbidden), "manager": (.forbidden, .allowed, .forbidden),
        "general_manager": (.allowed, .forbidden, .forbidden), "admin": (.allowed, .forbidden, .allowed),
    ]

    @Test(arguments: TestBackend.available)
    func commerceActionsMatchTheTable(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let (product, _) = try await company.catalogue()
        let actors: [(String, Actor)] = [("sales_rep", company.repOne), ("manager", company.managerOne),
                                         ("general_manager", company.generalManager), ("admin", company.admin)]
        var mismatches: [String] = []
        for (role, actor) in actors {
            for target in [Target.own, .sameDepartment, .otherDepartment] {
                let owner = Self.owner(of: target, role: role, actor: actor, company: company)
                for action in CommerceAction.allCases {
                    let got = try await self.commerceOutcome(action, owner: owner, actor: actor, company: company)
                    if got != Self.commerceExpected[role]![target]! {
                        mismatches.append("\(role) \(action) \(target): \(got) != \(Self.commerceExpected[role]![target]!)")
                    }
                }
            }
            let want = Self.commerceSetupExpected[role]!
            let catalogue = await self.attempt {
                _ = try await company.records.update(company.entity("product"), id: product.id, input: ["unit": .string("套\(role)")],
                                                     expectedVersion: nil, context: company.context(actor))
            }
            if catalogue != want.catalogue { mismatches.append("\(role) catalogue: \(catalogue)") }
            let decide = try await self.decideOutcome(actor: actor, company: company)
            if decide != want.decide { mismatches.append("\(role) decide: \(decide)") }
            let close = await self.attempt {
                try await Commissions.close(TargetPeriod("2020-0\(actors.firstIndex { $0.0 == role }! + 1)")!, context: company.context(actor),
                                            timeZone: .shanghai, database: company.database)
            }
            if close != want.close { mismatches.append("\(role) close: \(close)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    func commerceOutcome(_ action: CommerceAction, owner: Actor, actor: Actor, company: Company) async throws -> Outcome {
        let records = company.records, context = company.context(actor), ownerContext = company.context(owner)
        let (quotations, contracts) = (company.entity("quotation"), company.entity("contract"))
        let customer = try await company.customer("矩阵商务客户", by: owner)
        var quote = try await company.quotation(customer, by: owner, lines: [["product_code": "SVC-DAY", "quantity": "1"]])
        if action == .derive {
            _ = try await records.submit(quotations, id: quote.id, context: ownerContext)
            quote = try await records.move(quotations, id: quote.id, to: "accepted", context: ownerContext)
        }
        var contract: Record?
        if action == .plan || action == .pay {
            contract = try await records.create(contracts, input: [
                "subject": .string("矩阵合同"), "customer_id": .number(String(customer.id)), "amount": .string("100"),
                "start_date": .string("2026-01-01")], context: ownerContext).record
        }
        let (entity, id) = contract.map { (contracts, $0.id) } ?? (quotations, quote.id)
        let before = try await company.database.find(entity, id: id, scope: ScopeFilter(.everything))
        let auditBefore = try await self.auditCount(company)
        let outcome = await self.attempt {
            switch action {
            case .view:
                guard try await company.database.find(quotations, id: quote.id, scope: actor.filter(.view, on: "quotation")) != nil else {
                    throw RecordError.notFound
                }
            case .edit:
                _ = try await records.update(quotations, id: quote.id, input: ["subject": .string("改")], expectedVersion: nil, context: context)
            case .submit: _ = try await records.submit(quotations, id: quote.id, context: context)
            case .derive: _ = try await records.derive(quotations, id: quote.id, into: contracts, context: context)
            case .plan:
                _ = try await records.replacePlan(contract: id, with: [PlannedInstalment(label: "全款", dueDate: "2026-02-01", amount: "100")],
                                                  context: context)
            case .pay:
                // A contract out of reach is "not found" beside the field, as any parent is.
                do {
                    _ = try await records.create(company.entity("payment"), input: [
                        "contract_id": .number(String(id)), "received_on": .string("2026-01-05"), "amount": .string("10"),
                        "method": .string("cash")], context: context)
                } catch RecordError.invalid(let failure) where failure.fields["contract_id"]?.code == "not_found" {
                    throw RecordError.notFound
                }
            }
        }
        if outcome != .allowed, action != .view {
            try await self.expectUnchanged(entity, id: id, before: before, auditBefore: auditBefore, company: company)
        }
        return outcome
    }

    /// A deep discount by a salesperson of 销售一部 waits for 李经理.
    func decideOutcome(actor: Actor, company: Company) async throws -> Outcome {
        let quotations = company.entity("quotation")
        let customer = try await company.customer("矩阵审批客户", by: company.repOneB)
        let quote = try await company.quotation(customer, by: company.repOneB, lines: [["product_code": "SVC-DAY", "quantity": "1", "discount": "30"]])
        _ = try await company.records.submit(quotations, id: quote.id, context: company.context(company.repOneB))
        let approval = try #require(try await ApprovalQueue.history(quotations, recordId: quote.id, database: company.database).first)
        let auditBefore = try await self.auditCount(company)
        let outcome = await self.attempt {
            _ = try await company.records.decide(approval: approval.id, approve: true, comment: "", context: company.context(actor))
        }
        if outcome != .allowed { #expect(try await self.auditCount(company) == auditBefore) }
        return outcome
    }
}

extension AuthorizationMatrixTests {
    /// What the company buys and owes is not a sales rep's: not even their own payables.
    @Test(arguments: TestBackend.available)
    func aSalesRepIsNotGrantedTheBuyingSide(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        for entity in ["supplier", "payable", "supplier_payment"] {
            #expect(!company.repOne.can(.view, on: entity) && !company.repOne.can(.create, on: entity))
            #expect(company.managerOne.can(.view, on: entity))
        }
        #expect(company.repOne.can(.view, on: "payment"))
        await #expect(throws: RecordError.self) {
            _ = try await company.records.create(company.entity("supplier"), input: ["name": .string("深圳元件供应")], context: company.context(company.repOne))
        }
    }
}
