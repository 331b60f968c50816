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

    func start(_ company: Company, settings: ImportSettings, as actor: Actor, csv: String = Self.csv) async throws -> (ImportJob, [RowVerdict]) {
        let customers = company.entity("customer")
        let data = CsvText.encode(csv, as: .gb18030)
        let table = try ImportTable.read(data, kind: .csv)
        #expect(table.encoding == .gb18030 && table.header.first == "客户名称" && table.firstRow == 2)
        let names = ImportNames(choiceLabels: ["grade": ["重点": "A"]])
        let verdicts = try await company.database.previewImport(customers, table: table, settings: settings, names: names, catalog: company.catalog,
                                                                context: company.context(actor)).verdicts
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

    /// The run (and each page of the preview) takes the last preview again only while what it
    /// was worked out from is the same: here a customer of the file's name appears meanwhile.
    @Test(arguments: TestBackend.available)
    func aPreviewIsTakenAgainOnlyWhileItsMatchesStand(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let rep = company.context(company.repOne)
        let table = try ImportTable.read(CsvText.encode(Self.csv, as: .utf8), kind: .csv)
        let settings = ImportSettings(mapping: [0: "name", 1: "phone"], duplicates: .skip, matchField: "name")
        func preview(_ earlier: ImportPreview?, settings: ImportSettings = settings) async throws -> ImportPreview {
            try await company.database.previewImport(customers, table: table, settings: settings, names: ImportNames(), catalog: company.catalog,
                                                     context: rep, earlier: earlier)
        }
        let first = try await preview(nil)
        #expect(first.verdicts.map(\.kind) == [.new, .error, .duplicate, .new, .new, .new])
        #expect(first.verdicts[0].parsed?.values["phone"] == .text("0755-12345678"))
        // Nothing changed: the same verdicts. Another setting: worked out again.
        #expect(try await preview(first).verdicts.map(\.kind) == first.verdicts.map(\.kind))
        let creating = ImportSettings(mapping: settings.mapping, duplicates: .create, matchField: "name")
        #expect(try await preview(first, settings: creating).verdicts.map(\.kind) == [.new, .error, .new, .new, .new, .new])
        _ = try await company.records.create(customers, input: ["name": .string("老客户")], context: rep)
        let again = try await preview(first)
        #expect(again.verdicts.map(\.kind) == [.new, .error, .duplicate, .duplicate, .new, .new])
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

    /// The form's duplicate check, over every customer: one waiting in the public pool is a
    /// duplicate of a row by its name or by its phone, whichever field the rows are matched on.
    @Test(arguments: TestBackend.available)
    func aCustomerWaitingInThePoolIsADuplicateOfARow(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let pooled = ImportSettings(mapping: [0: "name", 1: "phone"], duplicates: .skip, matchField: "name", intoPool: true)
        let (first, rows) = try await self.start(company, settings: pooled, as: company.admin, csv: "客户名称,电话\n华强电子,0755-12345678\n")
        _ = try await company.records.runImport(first, entity: customers, verdicts: rows, context: company.context(company.admin)) { _ in }
        let settings = ImportSettings(mapping: [0: "name", 1: "phone"], duplicates: .skip, matchField: "name")
        let (job, verdicts) = try await self.start(company, settings: settings, as: company.repOne,
                                                   csv: "客户名称,电话\n华强电子,\n华强电子（深圳）,0755-12345678\n南山科技,\n")
        #expect(verdicts.map(\.kind) == [.duplicate, .duplicate, .new])
        let done = try await company.records.runImport(job, entity: customers, verdicts: verdicts, context: company.context(company.repOne)) { _ in }
        #expect((done.created, done.skipped) == (1, 2))
    }

    @Test(arguments: TestBackend.available)
    func aSalespersonTakesBackCustomersTheyImportedIntoThePool(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let rep = company.context(company.repOne)
        let settings = ImportSettings(mapping: [0: "name", 1: "phone"], duplicates: .skip, matchField: "name", intoPool: true)
        let (job, verdicts) = try await self.start(company, settings: settings, as: company.repOne)
        #expect(try await company.records.runImport(job, entity: customers, verdicts: verdicts, context: rep) { _ in }.created == 4)
        try await company.records.revertImport(job.id, context: rep)
        #expect(try await company.database.list(customers, query: ListQuery(), scope: ScopeFilter(.everything)).records.isEmpty)
    }

    @Test(arguments: TestBackend.available)
    func aRevertGivesAnUpdatedRecordItsOwnerBack(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let admin = company.context(company.admin)
        let old = try await company.records.create(customers, input: ["name": .string("老客户"), "owner_id": .string(String(company.repTwo.userId))],
                                                   context: admin).record
        let settings = ImportSettings(mapping: [0: "name", 3: "owner_id"], duplicates: .update, matchField: "name")
        let (job, verdicts) = try await self.start(company, settings: settings, as: company.admin)
        _ = try await company.records.runImport(job, entity: customers, verdicts: verdicts, context: admin) { _ in }
        #expect(try await company.database.find(customers, id: old.id, scope: ScopeFilter(.everything))?.ownerId == company.repOne.userId)
        try await company.records.revertImport(job.id, context: admin)
        #expect(try await company.database.find(customers, id: old.id, scope: ScopeFilter(.everything))?.ownerId == company.repTwo.userId)
    }

    /// A salesperson's import stays within what they may do: a row for another team's person is
    /// refused, and records (to update, or that links name) are found only among those they see.
    @Test(arguments: TestBackend.available)
    func aSalespersonImportsOnlyWithinTheirScope(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let rep = company.context(company.repOne)
        let theirs = try await company.customer("华强电子", by: company.repTwo)
        let settings = ImportSettings(mapping: [0: "name", 1: "owner_id"], duplicates: .update, matchField: "name")
        let (job, verdicts) = try await self.start(company, settings: settings, as: company.repOne, csv: "客户名称,负责人\n华强电子,张三\n别人的客户,王五\n")
        // Another team's 华强电子 is not the rep's to update, nor to see, but it is a duplicate,
        // as the form would say: the row is skipped without naming the record.
        #expect(verdicts.first?.kind == .duplicate && verdicts.first?.recordId == nil)
        let done = try await company.records.runImport(job, entity: customers, verdicts: verdicts, context: rep) { _ in }
        #expect((done.created, done.updated, done.rejected.map(\.row)) == (0, 0, [3]))
        let all = try await company.database.list(customers, query: ListQuery(), scope: ScopeFilter(.everything)).records
        #expect(all.map { $0["name"].textValue ?? "" } == ["华强电子"])
        #expect(try await company.database.find(customers, id: theirs.id, scope: ScopeFilter(.everything))?.version == theirs.version)
        _ = try await company.customer("华强电子", by: company.repOne)

        let contacts = company.entity("contact")
        let table = try ImportTable.read(Data("客户,姓名\n华强电子,李四\n".utf8), kind: .csv)
        func linked(as actor: Actor) async throws -> RowVerdict {
            try await company.database.previewImport(contacts, table: table, settings: ImportSettings(mapping: [0: "customer_id", 1: "name"]),
                                                     names: ImportNames(), catalog: company.catalog, context: company.context(actor)).verdicts[0]
        }
        #expect(try await linked(as: company.repOne).kind == .new)
        #expect(try await linked(as: company.repOneB).errors["customer_id"]?.code == "no_match")
        #expect(try await linked(as: company.admin).errors["customer_id"]?.code == "ambiguous_match")
    }

    @Test(arguments: TestBackend.available)
    func aRowRefusedAtRunTimeIsLeftOutAloneWithItsReason(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let rep = company.context(company.repOne)
        let settings = ImportSettings(mapping: [0: "name", 1: "phone"], duplicates: .skip, matchField: "name")
        let (job, verdicts) = try await self.start(company, settings: settings, as: company.repOne)
        // After the preview, duplicates come to be refused and one of the file's phones is taken.
        try await company.database.write { try await Settings.set("duplicate_mode", "block", db: $0) }
        _ = try await company.records.create(customers, input: ["name": .string("别的客户"), "phone": .string("020-1234567")], context: rep)
        let done = try await company.records.runImport(job, entity: customers, verdicts: verdicts, context: rep) { _ in }
        #expect((done.created, done.rejected.map(\.row)) == (3, [3, 5]))
        #expect(done.rejected.last?.errors["row"]?.code == "duplicate_blocked")
        let names = try await company.database.list(customers, query: ListQuery(), scope: ScopeFilter(.everything)).records.map { $0["name"].textValue ?? "" }
        #expect(Set(names) == ["别的客户", "华强电子", "新客户", "南山科技"])
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
