import Foundation
import SQLKit
import StrandCore
import StrandStore
import StrandTesting
import Testing

@Suite struct RecordServiceTests {
    @Test(arguments: TestBackend.available)
    func createsReadsAndAudits(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customer = try await company.customer("北京华为科技有限公司", by: company.repOne,
                                                  extra: ["phone": .string("13812345678"), "credit_code": .string("91110000802100433b")])
        #expect(customer.version == 1)
        #expect(customer.ownerId == company.repOne.userId)
        #expect(customer.departmentId == company.salesOne.id)
        #expect(customer["credit_code"] == .text("91110000802100433B"))
        let history = try await company.database.read { try await AuditLog.history(entity: "customer", recordId: customer.id, db: $0) }
        #expect(history.count == 1)
        #expect(history.first?.changes["name"]?.to == "北京华为科技有限公司")
    }

    @Test(arguments: TestBackend.available)
    func invalidInputChangesNothing(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let input: [String: InputValue] = ["name": .string(""), "type": .string("spaceship"), "email": .string("not-mail"),
                                           "credit_code": .string("911100008021004330"), "website": .string("javascript:alert(1)")]
        await #expect {
            _ = try await company.records.create(company.entity("customer"), input: input, context: company.context(company.repOne))
        } throws: { error in
            guard case RecordError.invalid(let failure) = error else { return false }
            return Set(failure.fields.keys) == ["name", "type", "email", "credit_code", "website"]
        }
        let audits = try await company.database.read { try await AuditLog.list(AuditLog.Query(), db: $0) }
        #expect(!audits.contains { $0.entity == "customer" })
    }

    @Test(arguments: TestBackend.available)
    func staleUpdateIsRefusedWithWhatChanged(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customer = try await company.customer("上海贝尔", by: company.repOne)
        let entity = company.entity("customer")
        _ = try await company.records.update(entity, id: customer.id, input: ["grade": .string("A")], expectedVersion: 1,
                                             context: company.context(company.repOne))
        await #expect {
            _ = try await company.records.update(entity, id: customer.id, input: ["grade": .string("B")], expectedVersion: 1,
                                                 context: company.context(company.managerOne))
        } throws: { error in
            guard case RecordError.conflict(let current, let changes, let clashes) = error else { return false }
            return current.version == 2 && changes["grade"] == AuditChange(from: nil, to: "A") && clashes["grade"] == AuditChange(from: "A", to: "B")
        }
    }

    @Test(arguments: TestBackend.available)
    func childrenFollowTheirCustomersOwner(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customer = try await company.customer("深圳腾达", by: company.repOne)
        let contact = try await company.records.create(company.entity("contact"), input: [
            "customer_id": .number(String(customer.id)), "name": .string("张三丰"), "mobile": .string("13900001111"),
        ], context: company.context(company.repOne)).record
        #expect(contact.ownerId == company.repOne.userId)
        _ = try await company.records.update(company.entity("customer"), id: customer.id,
                                             input: ["owner_id": .number(String(company.repOneB.userId))], expectedVersion: nil,
                                             context: company.context(company.managerOne))
        let moved = try await company.database.find(company.entity("contact"), id: contact.id, scope: company.repOneB.filter(.view, on: "contact"))
        #expect(moved?.ownerId == company.repOneB.userId)
        let hits = try await company.database.search("zsf", entities: company.catalog.entities, actor: company.repOneB, limit: 10)
        #expect(hits.contains { $0.entity == "contact" && $0.recordId == contact.id })
    }

    @Test(arguments: TestBackend.available)
    func linksStayUnderOneParentAndMakeNoCycle(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let first = try await company.customer("客户甲", by: company.repOne)
        let second = try await company.customer("客户乙", by: company.repOne)
        let contactEntity = company.entity("contact")
        let context = company.context(company.repOne)
        let boss = try await company.records.create(contactEntity, input: ["customer_id": .number(String(first.id)), "name": .string("老板")], context: context).record
        let staff = try await company.records.create(contactEntity, input: ["customer_id": .number(String(first.id)), "name": .string("员工"),
                                                                             "reports_to_id": .number(String(boss.id))], context: context).record
        await #expect(throws: RecordError.self) {
            _ = try await company.records.update(contactEntity, id: boss.id, input: ["reports_to_id": .number(String(staff.id))],
                                                 expectedVersion: nil, context: context)
        }
        await #expect(throws: RecordError.self) {
            _ = try await company.records.create(contactEntity, input: ["customer_id": .number(String(second.id)), "name": .string("外人"),
                                                                         "reports_to_id": .number(String(boss.id))], context: context)
        }
    }

    @Test(arguments: TestBackend.available)
    func deleteHidesAndRestoreBringsBackWithChildren(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customer = try await company.customer("广州白云", by: company.repOne)
        let contact = try await company.records.create(company.entity("contact"), input: [
            "customer_id": .number(String(customer.id)), "name": .string("李四"),
        ], context: company.context(company.repOne)).record
        await #expect(throws: RecordError.self) {
            try await company.records.delete(company.entity("customer"), id: customer.id, context: company.context(company.repOne))
        }
        try await company.records.delete(company.entity("customer"), id: customer.id, context: company.context(company.generalManager))
        let gone = try await company.database.find(company.entity("contact"), id: contact.id, scope: ScopeFilter(.everything))
        #expect(gone == nil)
        _ = try await company.records.restore(company.entity("customer"), id: customer.id, context: company.context(company.admin))
        let back = try await company.database.find(company.entity("contact"), id: contact.id, scope: ScopeFilter(.everything))
        #expect(back?.id == contact.id)
    }

    @Test(arguments: TestBackend.available)
    func duplicatesWarnThenBlock(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        try await company.customer("杭州西湖", by: company.repTwo, extra: ["phone": .string("057188886666")])
        let input: [String: InputValue] = ["name": .string("杭州西湖贸易"), "phone": .string("057188886666")]
        let entity = company.entity("customer")
        await #expect {
            _ = try await company.records.create(entity, input: input, context: company.context(company.repOne), acknowledgeWarnings: false)
        } throws: { error in
            guard case RecordError.duplicates(let matches) = error else { return false }
            return matches.count == 1 && matches[0].title == "杭州西湖" && !matches[0].visible && matches[0].ownerId == company.repTwo.userId
        }
        let warned = try await company.records.create(entity, input: input, context: company.context(company.repOne))
        #expect(warned.duplicates.count == 1)
        try await company.database.write { try await Settings.set("duplicate_mode", "block", db: $0) }
        await #expect(throws: RecordError.self) {
            _ = try await company.records.create(entity, input: input, context: company.context(company.repOne))
        }
    }

    /// A contact's mobile or e-mail is a duplicate under the same customer only: two customers
    /// may share a person, one customer should not hold them twice.
    @Test(arguments: TestBackend.available)
    func aContactIsADuplicateUnderItsOwnCustomer(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let contacts = company.entity("contact")
        let (one, other) = (try await company.customer("成都启明", by: company.repOne), try await company.customer("成都启明二厂", by: company.repOne))
        let rep = company.context(company.repOne)
        func contact(_ name: String, of customer: Record, _ extra: [String: InputValue]) -> [String: InputValue] {
            ["customer_id": .number(String(customer.id)), "name": .string(name)].merging(extra) { $1 }
        }
        _ = try await company.records.create(contacts, input: contact("周敏", of: one, ["mobile": .string("13900001111"), "email": .string("zhou@qiming.cn")]), context: rep)
        for extra: [String: InputValue] in [["mobile": .string("13900001111")], ["email": .string("zhou@qiming.cn")]] {
            await #expect {
                _ = try await company.records.create(contacts, input: contact("周敏二", of: one, extra), context: rep, acknowledgeWarnings: false)
            } throws: { error in
                guard case RecordError.duplicates(let matches) = error else { return false }
                return matches.map(\.title) == ["周敏"] && matches[0].field == extra.keys.first
            }
            #expect(try await company.records.create(contacts, input: contact("周敏", of: other, extra), context: rep,
                                                     acknowledgeWarnings: false).duplicates.isEmpty)
        }
    }
}
