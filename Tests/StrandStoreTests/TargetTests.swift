import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// Targets per person and department with completion from won deals, and who may set them.
@Suite struct TargetTests {
    @Test func periodsParseAndMove() throws {
        #expect(TargetPeriod("2026-Q4")?.moved(by: 1).description == "2027-Q1")
        #expect(TargetPeriod("2026-01")?.moved(by: -1).description == "2025-12")
        #expect(TargetPeriod("2026")?.moved(by: 2).description == "2028")
        for bad in ["2026-13", "2026-Q5", "26", "2026-1", "abc", ""] { #expect(TargetPeriod(bad) == nil) }
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        let quarter = try #require(TargetPeriod("2026-Q4")).range(in: shanghai)
        #expect(quarter.start == 1_790_784_000_000)  // 2026-10-01 00:00 +08:00
        #expect(quarter.end == 1_798_732_800_000)    // 2027-01-01 00:00 +08:00
        #expect(SalesTarget.percent(150, of: 200) == 75)
        #expect(SalesTarget.percent(1, of: 0) == nil)
    }

    @Test(arguments: TestBackend.available)
    func completionComesFromWonDeals(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let deals = company.entity("opportunity")
        let period = TargetPeriod.current(.month, at: Clock.millis(), in: .shanghai)
        for (amount, stage, actor) in [("30000", "won", company.repOne), ("50000", "negotiation", company.repOne),
                                       ("10000", "won", company.repOneB), ("80000", "won", company.repTwo)] {
            let customer = try await company.customer("客户 \(amount)", by: actor)
            _ = try await company.records.create(deals, input: ["name": .string("合同 \(amount)"), "customer_id": .string(String(customer.id)),
                                                                "amount": .string(amount), "stage": .string(stage)], context: company.context(actor))
        }
        let manager = company.context(company.managerOne)
        try await Targets.save(period, [SalesTarget(unit: .user(company.repOne.userId), base: 4_000_000, stretch: 6_000_000)],
                               context: manager, database: company.database)
        // A department's target comes from above it.
        try await Targets.save(period, [SalesTarget(unit: .department(company.salesOne.id), base: 10_000_000, stretch: 0)],
                               context: company.context(company.generalManager), database: company.database)
        let board = try await Targets.board(period, department: company.salesOne.id, actor: company.managerOne, timeZone: .shanghai,
                                            database: company.database)
        #expect(board.departments.map(\.name) == ["销售一部"])
        #expect(board.departments[0].won == 4_000_000)
        #expect(board.departments[0].percentOfBase == 40)
        #expect(board.departments[0].percentOfStretch == nil)
        let first = try #require(board.people.first)
        #expect(first.unit == .user(company.repOne.userId))
        #expect((first.rank, first.won, first.wonCount, first.percentOfBase, first.percentOfStretch) == (1, 3_000_000, 1, 75, 50))
        #expect(board.people.map(\.rank) == [1, 2, 3])
        #expect(!board.people.contains { $0.unit == .user(company.repTwo.userId) })

        // The company sees both departments; a salesperson only their own line.
        let company1 = try await Targets.board(period, department: nil, actor: company.generalManager, timeZone: .shanghai, database: company.database)
        #expect(company1.departments.first { $0.unit == .department(company.headOffice.id) }?.won == 12_000_000)
        let mine = try await Targets.board(period, department: company.salesOne.id, actor: company.repOne, timeZone: .shanghai, database: company.database)
        #expect(mine.people.map(\.unit) == [.user(company.repOne.userId)])
        #expect(mine.departments.isEmpty)

        // Setting targets needs the assign right over the person or department.
        #expect(await BulkActionTests.outcome {
            try await Targets.save(period, [SalesTarget(unit: .user(company.repOne.userId), base: 1, stretch: 2)],
                                   context: company.context(company.repOne), database: company.database)
        } == "forbidden")
        #expect(await BulkActionTests.outcome {
            try await Targets.save(period, [SalesTarget(unit: .department(company.salesTwo.id), base: 1, stretch: 2)], context: manager, database: company.database)
        } == "forbidden")
        #expect(await BulkActionTests.outcome {
            try await Targets.save(period, [SalesTarget(unit: .user(company.repOne.userId), base: 5, stretch: 2)], context: manager, database: company.database)
        } == "stretch:stretch_below_base")
        // Nobody sets their own target, nor one for a department that does not exist.
        #expect(await BulkActionTests.outcome {
            try await Targets.save(period, [SalesTarget(unit: .user(company.managerOne.userId), base: 1, stretch: 2)], context: manager, database: company.database)
        } == "forbidden")
        #expect(await BulkActionTests.outcome {
            try await Targets.save(period, [SalesTarget(unit: .department(987_654), base: 1, stretch: 2)],
                                   context: company.context(company.generalManager), database: company.database)
        } == "forbidden")
        let audited = try await company.database.read { try await $0.raw("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'sales_target'").first()?.integer("n") }
        #expect(audited == 2)
    }
}
