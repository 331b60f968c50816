import Foundation
import SQLKit
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// Contacts' birthdays (lunar ones too) and anniversaries remind their owner ahead of the day
/// and move on to the next year once passed.
@Suite struct CareTests {
    @Test(arguments: TestBackend.available)
    func birthdaysRemindAheadAndMoveOnByTheirCalendar(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let contacts = company.entity("contact")
        let customer = try await company.customer("关怀客户", by: company.repOne)
        let rep = company.context(company.repOne)
        let lunar = try await company.records.create(contacts, input: [
            "customer_id": .number(String(customer.id)), "name": .string("王总"), "birthday": .string("1975-08-15"),
            "birthday_lunar": .bool(true), "anniversary": .string("2015-03-01")], context: rep).record
        let today = DateTimeText.day(Clock.millis(), timeZone: .shanghai)
        #expect(lunar["next_birthday"].textValue.flatMap(CalendarDay.init) == LunarDate.Festival.midAutumn.next(onOrAfter: today))

        // Fix the next birthday on 中秋 2027 and run the job three days before (the anniversary, past, moves on), on the day, and after.
        try await company.database.write { db in
            try await db.raw("UPDATE contacts SET next_birthday = '2027-09-15', next_anniversary = '2027-03-01' WHERE id = \(bind: lunar.id)").run()
        }
        let job = CareJob(database: company.database)
        #expect(try await job.run(today: CalendarDay("2027-09-12")!, now: Clock.millis()).reminded == 1)
        #expect(try await job.run(today: CalendarDay("2027-09-15")!, now: Clock.millis()).reminded == 1)
        let after = try await job.run(today: CalendarDay("2027-09-16")!, now: Clock.millis())
        #expect(after == CareJob.Outcome(moved: 1, reminded: 0))
        let moved = try #require(try await company.database.find(contacts, id: lunar.id, scope: ScopeFilter(.everything)))
        #expect(moved["next_birthday"] == .text("2028-10-03") && moved["next_anniversary"] == .text("2028-03-01"))
        let notices = try await company.database.read { try await Notices.list(userId: company.repOne.userId, db: $0) }
        #expect(notices.map(\.kind) == ["care_birthday", "care_birthday"] && notices.first?.params["lunar"] == "1" && notices.first?.params["customer"] == "关怀客户")
        // The owner's care list finds it by its day.
        let upcoming = try await company.database.read { db in
            try await CareJob.upcoming(contacts, scope: company.repOne.filter(.view, on: "contact"), from: CalendarDay("2028-02-20")!,
                                       to: CalendarDay("2028-10-10")!, db: db)
        }
        #expect(upcoming.map(\.kind) == ["anniversary", "birthday"])
    }
}
