import Foundation
import StrandCore
import StrandOffice
@testable import StrandStore
import StrandTesting
import Testing

/// Imports: every row's verdict before anything is written, all of it in one transaction,
/// duplicates skipped or updated, and a revert that puts everything back while nothing changed.
@Suite struct ImportTests {
    static let csv = """
        客户名称,电话,客户等级,负责人,省份
        华强电子,0755-12345678,A,张三,广东
        ,0755-1,B,张三,广东
        华强电子,0755-87654321,B,张三,广东
        老客户,020-1234567,重点,张三,广东
        新客户,021-7654321,C,不存在的人,上海
        南山科技,0755-5555555,B,rep1,广东

        """

    func start(_ company: Company, settings: ImportSettings, as actor: Actor) async throws -> (ImportJob, [RowVerdict]) {
        let customers = company.entity("customer")
        let data = CsvText.encode(Self.csv, as: .gb18030)
        let table = try ImportTable.read(data, kind: .csv)
        #expect(table.encoding == .gb18030 && table.header.first == "客户名称" && table.firstRow == 2)
        let names = ImportNames(choiceLabels: ["grade": ["重点": "A"]])
        let verdicts = try await company.database.previewImport(customers, table: table, settings: settings, names: names, catalog: company.catalog,
                                                                context: company.context(actor))
        let id = try await company.database.write { try await Imports.create(userId: actor.userId, entity: "customer", fileName: "展会.csv", kind: .csv, content: data, db: $0) }
        var job = try #require(try await company.database.read { try await Imports.find(id: id, db: $0) })
        job.settings = settings
        return (job, verdicts)
    }

    @Test(arguments: TestBackend.available)
    func aPreviewNamesEveryRowsVerdictAndTheRunWritesThemAllAtOnce(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let rep = company.context(company.repOne)
        let old = try await company.records.create(customers, input: ["name": .string("老客户"), "grade": .string("C")], context: rep).record
        let settings = ImportSettings(mapping: [0: "name", 1: "phone", 2: "grade", 3: "owner_id", 4: "province"], duplicates: .update,
                                      matchField: "name", tag: "2026 春季展")
        let (job, verdicts) = try await self.start(company, settings: settings, as: company.repOne)
        #expect(verdicts.map(\.kind) == [.new, .error, .duplicate, .update, .error, .new], "\(verdicts.map(\.errors))")
        #expect(verdicts[1].errors["name"]?.code == "required")
        #expect(verdicts[2].sameAsRow == 2)
        #expect(verdicts[3].recordId == old.id)
        #expect(verdicts[4].errors["owner_id"] == FieldError("no_match", ["value": "不存在的人"]))
        #expect(try await company.database.list(customers, query: ListQuery(), scope: ScopeFilter(.everything)).records.count == 1)

        let done = try await company.records.runImport(job, entity: customers, verdicts: verdicts, context: rep) { _ in }
        #expect((done.status, done.created, done.updated, done.skipped, done.rejected.map(\.row)) == (.done, 2, 1, 1, [3, 6]))
        let all = try await company.database.list(customers, query: ListQuery(), scope: ScopeFilter(.everything)).records
        let byName = Dictionary(all.map { ($0["name"].textValue ?? "", $0) }) { first, _ in first }
        #expect(byName["华强电子"]?["phone"] == .text("0755-12345678"))
        #expect(byName["华强电子"]?["tags"] == .list(["2026 春季展"]))
        #expect(byName["老客户"]?["grade"] == .text("A") && byName["老客户"]?["province"] == .text("广东"))
        #expect(byName["南山科技"]?.ownerId == company.repOne.userId)

        // Reverting removes what it made and gives the updated customer its old values back.
        try await company.records.revertImport(job.id, context: rep)
        let after = try await company.database.list(customers, query: ListQuery(), scope: ScopeFilter(.everything)).records
        #expect(after.map { $0["name"].textValue } == ["老客户"])
        #expect(after.first?["grade"] == .text("C") && after.first?["province"] == .text(""))
        #expect(try await company.database.read { try await Imports.find(id: job.id, db: $0) }?.status == .reverted)
    }

    @Test(arguments: TestBackend.available)
    func newCustomersCanGoStraightIntoThePublicPool(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let admin = company.context(company.admin)
        let settings = ImportSettings(mapping: [0: "name", 1: "phone"], duplicates: .skip, matchField: "name", intoPool: true)
        let (job, verdicts) = try await self.start(company, settings: settings, as: company.admin)
        let done = try await company.records.runImport(job, entity: customers, verdicts: verdicts, context: admin) { _ in }
        #expect(done.created == 4)
        let made = try await company.database.list(customers, query: ListQuery(), scope: ScopeFilter(.everything)).records
        #expect(made.count == 4 && made.allSatisfy { $0.ownerId == nil })
        try await company.records.revertImport(job.id, context: admin)
        #expect(try await company.database.list(customers, query: ListQuery(), scope: ScopeFilter(.everything)).records.isEmpty)
    }

    @Test(arguments: TestBackend.available)
    func aRevertIsRefusedOnceARecordChangedAndNothingIsUndone(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let rep = company.context(company.repOne)
        let settings = ImportSettings(mapping: [0: "name", 1: "phone"], duplicates: .skip, matchField: "name")
        let (job, verdicts) = try await self.start(company, settings: settings, as: company.repOne)
        #expect(verdicts.map(\.kind) == [.new, .error, .duplicate, .new, .new, .new])
        _ = try await company.records.runImport(job, entity: customers, verdicts: verdicts, context: rep) { _ in }
        let made = try await company.database.list(customers, query: ListQuery(), scope: ScopeFilter(.everything)).records
        #expect(made.count == 4)
        let edited = try #require(made.first { $0["name"] == .text("南山科技") })
        _ = try await company.records.update(customers, id: edited.id, input: ["city": .string("深圳")], expectedVersion: nil, context: rep)
        await #expect(throws: RecordError.self) { try await company.records.revertImport(job.id, context: rep) }
        #expect(try await company.database.list(customers, query: ListQuery(), scope: ScopeFilter(.everything)).records.count == 4)
    }
}
