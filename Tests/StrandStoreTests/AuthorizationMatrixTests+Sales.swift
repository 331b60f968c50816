import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// The sales actions of every default role against records of their own, their department's
/// and another department's: give back to the pool, transfer, convert a lead, share; and in
/// the pool, claim and assign. A refused action leaves the record and the audit log alone.
extension AuthorizationMatrixTests {
    enum SalesAction: String, CaseIterable { case giveBack, transfer, convert, share }

    static let salesExpected: [String: [SalesAction: [Target: Outcome]]] = {
        let rep: [Target: Outcome] = [.own: .allowed, .sameDepartment: .notFound, .otherDepartment: .notFound]
        let manager: [Target: Outcome] = [.own: .allowed, .sameDepartment: .allowed, .otherDepartment: .notFound]
        let everyone: [Target: Outcome] = [.own: .allowed, .sameDepartment: .allowed, .otherDepartment: .allowed]
        return [
            "sales_rep": [.giveBack: rep, .transfer: [.own: .forbidden, .sameDepartment: .forbidden, .otherDepartment: .forbidden],
                          .convert: rep, .share: rep],
            "manager": [.giveBack: manager, .transfer: manager, .convert: manager, .share: manager],
            "general_manager": [.giveBack: everyone, .transfer: everyone, .convert: everyone, .share: everyone],
            "admin": [.giveBack: everyone, .transfer: everyone, .convert: everyone, .share: everyone],
        ]
    }()

    /// Claiming from the pool is for every member; assigning from it for its administrators.
    static let poolExpected: [String: (claim: Outcome, assign: Outcome)] = [
        "sales_rep": (.allowed, .forbidden), "manager": (.allowed, .forbidden),
        "general_manager": (.allowed, .forbidden), "admin": (.allowed, .allowed),
    ]

    @Test(arguments: TestBackend.available)
    func salesActionsMatchTheTable(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        try await Pools.ensureDefault(company.database)
        let actors: [(String, Actor)] = [("sales_rep", company.repOne), ("manager", company.managerOne),
                                         ("general_manager", company.generalManager), ("admin", company.admin)]
        var mismatches: [String] = []
        var serial = 0
        for (role, actor) in actors {
            for target in [Target.own, .sameDepartment, .otherDepartment] {
                let owner = Self.owner(of: target, role: role, actor: actor, company: company)
                for action in SalesAction.allCases {
                    serial += 1
                    let got = try await self.salesOutcome(action, owner: owner, actor: actor, serial: serial, company: company)
                    if got != Self.salesExpected[role]![action]![target]! {
                        mismatches.append("\(role) \(action) \(target): \(got) != \(Self.salesExpected[role]![action]![target]!)")
                    }
                }
            }
            serial += 1
            let pool = try await self.poolOutcomes(actor: actor, serial: serial, company: company)
            if pool.claim != Self.poolExpected[role]!.claim { mismatches.append("\(role) claim: \(pool.claim)") }
            if pool.assign != Self.poolExpected[role]!.assign { mismatches.append("\(role) pool assign: \(pool.assign)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    func salesOutcome(_ action: SalesAction, owner: Actor, actor: Actor, serial: Int, company: Company) async throws -> Outcome {
        let context = company.context(actor)
        let records = company.records
        let (entity, record): (EntityDefinition, Record)
        if action == .convert {
            entity = company.entity("lead")
            record = try await records.create(entity, input: ["company": .string("矩阵线索\(serial)号"), "status": .string("new")],
                                              context: company.context(owner)).record
        } else {
            entity = company.entity("customer")
            record = try await company.customer("矩阵销售客户\(serial)号", by: owner)
        }
        let auditBefore = try await self.auditCount(company)
        let outcome = await self.attempt {
            switch action {
            case .giveBack: try await PoolService(records: records).giveBack([record.id], reason: "矩阵", context: context)
            case .transfer: try await records.transfer(entity, ids: [record.id], to: company.managerOne.userId, context: context)
            case .convert: _ = try await records.convertLead(id: record.id, context: context)
            case .share: try await records.share(entity, ids: [record.id], with: [company.admin.userId], access: .read, context: context)
            }
        }
        if outcome != .allowed { try await self.expectUnchanged(entity, id: record.id, before: record, auditBefore: auditBefore, company: company) }
        return outcome
    }

    func poolOutcomes(actor: Actor, serial: Int, company: Company) async throws -> (claim: Outcome, assign: Outcome) {
        let pools = PoolService(records: company.records)
        let waiting = [try await company.customer("矩阵公海\(serial)号", by: company.repTwo), try await company.customer("矩阵公海\(serial)B号", by: company.repTwo)]
        try await pools.giveBack(waiting.map(\.id), reason: "矩阵", context: company.context(company.repTwo))
        let assign = await self.attempt { try await pools.assign([waiting[0].id], to: company.repOne.userId, context: company.context(actor)) }
        let claim = await self.attempt { try await pools.claim([waiting[1].id], context: company.context(actor)) }
        return (claim, assign)
    }
}
