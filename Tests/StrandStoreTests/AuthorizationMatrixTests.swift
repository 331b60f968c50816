import Foundation
import SQLKit
import StrandCore
import StrandStore
import StrandTesting
import Testing

/// Every default role x entity x action x target, against a declared table. Reads are checked
/// through list, search, detail and export; writes through update and delete, and a denied
/// write must leave the record and the audit log as they were.
@Suite struct AuthorizationMatrixTests {
    enum Target: String, CaseIterable { case own, sameDepartment, otherDepartment, missing }
    enum Outcome: Equatable { case allowed, notFound, forbidden }

    /// What each role may do: view (list, search, detail), export, edit, delete.
    static let expected: [String: [Target: (view: Outcome, export: Outcome, edit: Outcome, delete: Outcome)]] = [
        "sales_rep": [.own: (.allowed, .allowed, .allowed, .forbidden), .sameDepartment: (.notFound, .notFound, .notFound, .notFound),
                      .otherDepartment: (.notFound, .notFound, .notFound, .notFound), .missing: (.notFound, .notFound, .notFound, .notFound)],
        "manager": [.own: (.allowed, .allowed, .allowed, .forbidden), .sameDepartment: (.allowed, .allowed, .allowed, .forbidden),
                    .otherDepartment: (.notFound, .notFound, .notFound, .notFound), .missing: (.notFound, .notFound, .notFound, .notFound)],
        "general_manager": [.own: (.allowed, .allowed, .allowed, .allowed), .sameDepartment: (.allowed, .allowed, .allowed, .allowed),
                            .otherDepartment: (.allowed, .allowed, .allowed, .allowed), .missing: (.notFound, .notFound, .notFound, .notFound)],
        "admin": [.own: (.allowed, .allowed, .allowed, .allowed), .sameDepartment: (.allowed, .allowed, .allowed, .allowed),
                  .otherDepartment: (.allowed, .allowed, .allowed, .allowed), .missing: (.notFound, .notFound, .notFound, .notFound)],
    ]

    @Test(arguments: TestBackend.available)
    func everyRoleEntityActionAndTargetMatchesTheTable(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let actors: [(String, Actor)] = [("sales_rep", company.repOne), ("manager", company.managerOne),
                                         ("general_manager", company.generalManager), ("admin", company.admin)]
        var mismatches: [String] = []
        var serial = 0
        for (role, actor) in actors {
            for target in Target.allCases {
                for entityKey in ["customer", "contact", "follow_up"] {
                    serial += 1
                    let owner = Self.owner(of: target, role: role, actor: actor, company: company)
                    let record = try await self.record(entityKey, owner: owner, serial: serial, company: company)
                    let id = target == .missing ? 9_999_999 : record.id
                    let want = Self.expected[role]![target]!
                    let got = try await self.outcomes(entityKey, id: id, name: record.title(company.entity(entityKey)), actor: actor, company: company)
                    let label = "\(role) \(entityKey) \(target)"
                    if got.view != want.view { mismatches.append("\(label) view: \(got.view) != \(want.view)") }
                    if got.export != want.export { mismatches.append("\(label) export: \(got.export) != \(want.export)") }
                    if got.edit != want.edit { mismatches.append("\(label) edit: \(got.edit) != \(want.edit)") }
                    if got.delete != want.delete { mismatches.append("\(label) delete: \(got.delete) != \(want.delete)") }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    /// A record of `entityKey` owned by `owner`, with a unique searchable name.
    func record(_ entityKey: String, owner: Actor, serial: Int, company: Company) async throws -> Record {
        let customer = try await company.customer("矩阵客户\(serial)号", by: owner)
        let context = company.context(owner)
        switch entityKey {
        case "contact":
            return try await company.records.create(company.entity("contact"), input: [
                "customer_id": .number(String(customer.id)), "name": .string("矩阵联系人\(serial)号"),
            ], context: context).record
        case "follow_up":
            return try await company.records.create(company.entity("follow_up"), input: [
                "customer_id": .number(String(customer.id)), "happened_at": .string("2026-11-23T10:00:00+08:00"),
                "method": .string("call"), "content": .string("矩阵跟进\(serial)号"),
            ], context: context).record
        default:
            return customer
        }
    }

    func outcomes(_ entityKey: String, id: Int64, name: String, actor: Actor,
                  company: Company) async throws -> (view: Outcome, export: Outcome, edit: Outcome, delete: Outcome) {
        let entity = company.entity(entityKey)
        let database = company.database
        let inList = try await database.list(entity, query: ListQuery(), scope: actor.filter(.view, on: entityKey)).records.contains { $0.id == id }
        let found = try await database.find(entity, id: id, scope: actor.filter(.view, on: entityKey)) != nil
        var view: Outcome = inList && found ? .allowed : .notFound
        if entity.searchedFields.isEmpty == false {
            let hits = try await database.search(name, entities: [entity], actor: actor, limit: 50)
            if hits.contains(where: { $0.recordId == id }) != found { view = .forbidden }
        }
        if inList != found { view = .forbidden }
        let exported = try await database.list(entity, query: ListQuery(), scope: actor.filter(.export, on: entityKey)).records.contains { $0.id == id }
        let before = try await database.find(entity, id: id, scope: ScopeFilter(.everything))
        let auditBefore = try await self.auditCount(company)
        let edit = await self.attempt {
            let field = entity.field("content") != nil ? "content" : "name"
            _ = try await company.records.update(entity, id: id, input: [field: .string(name + "改")], expectedVersion: nil, context: company.context(actor))
        }
        if edit != .allowed { try await self.expectUnchanged(entity, id: id, before: before, auditBefore: auditBefore, company: company) }
        let afterEdit = try await database.find(entity, id: id, scope: ScopeFilter(.everything))
        let auditAfterEdit = try await self.auditCount(company)
        let delete = await self.attempt { try await company.records.delete(entity, id: id, context: company.context(actor)) }
        if delete != .allowed { try await self.expectUnchanged(entity, id: id, before: afterEdit, auditBefore: auditAfterEdit, company: company) }
        return (view, exported ? .allowed : .notFound, edit, delete)
    }

    func attempt(_ body: () async throws -> Void) async -> Outcome {
        do {
            try await body()
            return .allowed
        } catch RecordError.notFound {
            return .notFound
        } catch RecordError.forbidden {
            return .forbidden
        } catch {
            Issue.record("unexpected error \(error)")
            return .forbidden
        }
    }

    /// Who owns the record a role acts on: the actor, someone in the actor's department (or
    /// below it), or someone in another department.
    static func owner(of target: Target, role: String, actor: Actor, company: Company) -> Actor {
        switch target {
        case .own: actor
        case .sameDepartment: role == "sales_rep" || role == "manager" ? company.repOneB : company.repOne
        case .otherDepartment, .missing: company.repTwo
        }
    }

    func auditCount(_ company: Company) async throws -> Int {
        return try await company.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM audit_log").first()!.decode(column: "n", as: Int.self)
        }
    }

    func expectUnchanged(_ entity: EntityDefinition, id: Int64, before: Record?, auditBefore: Int, company: Company) async throws {
        let after = try await company.database.find(entity, id: id, scope: ScopeFilter(.everything))
        #expect(after == before, "a denied action changed \(entity.key) \(id)")
        #expect(try await self.auditCount(company) == auditBefore, "a denied action wrote an audit row")
    }
}
