import StrandCore
import StrandStore
import StrandTesting
import Testing

/// A save made on an old version: the conflict names what both changed, and the save made
/// after it keeps the colleague's changes the writer did not touch.
@Suite struct StaleEditTests {
    /// The whole form as the rep saw it at version 1, with `changes` typed over it.
    func form(_ changes: [String: InputValue]) -> [String: InputValue] {
        ["name": .string("上海贝尔"), "grade": .string(""), "phone": .string("")].merging(changes) { $1 }
    }

    @Test(arguments: TestBackend.available)
    func aFieldOnlyTheColleagueChangedKeepsTheirValue(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let entity = company.entity("customer")
        let customer = try await company.customer("上海贝尔", by: company.repOne)
        _ = try await company.records.update(entity, id: customer.id, input: ["grade": .string("A")], expectedVersion: 1,
                                             context: company.context(company.managerOne))
        let mine = self.form(["phone": .string("021-55550000")])
        await #expect {
            _ = try await company.records.update(entity, id: customer.id, input: mine, expectedVersion: 1, context: company.context(company.repOne))
        } throws: { error in
            guard case RecordError.conflict(_, let changes, let clashes) = error else { return false }
            return changes.keys.contains("grade") && clashes.isEmpty
        }
        let saved = try await company.records.update(entity, id: customer.id, input: mine, expectedVersion: 2,
                                                     context: company.context(company.repOne),
                                                     merge: StaleMerge(base: 1, keepTheirs: []))
        #expect(saved["grade"] == .text("A"))
        #expect(saved["phone"] == .text("021-55550000"))
    }

    @Test(arguments: TestBackend.available)
    func aFieldBothChangedIsTheChosenSide(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let entity = company.entity("customer")
        for keepTheirs in [true, false] {
            let customer = try await company.customer(keepTheirs ? "上海贝尔" : "上海贝尔二厂", by: company.repOne)
            _ = try await company.records.update(entity, id: customer.id, input: ["grade": .string("A")], expectedVersion: 1,
                                                 context: company.context(company.managerOne))
            let mine = self.form(["name": .string(customer["name"].textValue ?? ""), "grade": .string("C")])
            await #expect {
                _ = try await company.records.update(entity, id: customer.id, input: mine, expectedVersion: 1, context: company.context(company.repOne))
            } throws: { error in
                guard case RecordError.conflict(_, _, let clashes) = error else { return false }
                return clashes == ["grade": AuditChange(from: "A", to: "C")]
            }
            let saved = try await company.records.update(entity, id: customer.id, input: mine, expectedVersion: 2,
                                                         context: company.context(company.repOne),
                                                         merge: StaleMerge(base: 1, keepTheirs: keepTheirs ? ["grade"] : []))
            #expect(saved["grade"] == .text(keepTheirs ? "A" : "C"))
        }
    }

    @Test(arguments: TestBackend.available)
    func aMergeOnAVersionThatMovedOnIsAConflictAgain(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let entity = company.entity("customer")
        let customer = try await company.customer("上海贝尔", by: company.repOne)
        for grade in ["A", "B"] {
            _ = try await company.records.update(entity, id: customer.id, input: ["grade": .string(grade)], expectedVersion: nil,
                                                 context: company.context(company.managerOne))
        }
        await #expect {
            _ = try await company.records.update(entity, id: customer.id, input: self.form(["phone": .string("021-55550001")]), expectedVersion: 2,
                                                 context: company.context(company.repOne), merge: StaleMerge(base: 1, keepTheirs: []))
        } throws: { error in
            guard case RecordError.conflict(let current, let changes, _) = error else { return false }
            return current.version == 3 && changes["grade"] == AuditChange(from: nil, to: "B")
        }
    }
}
