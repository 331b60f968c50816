import Foundation
import NIOPosix
import SQLKit
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// Reminders wait in the database and are sent once, on an injected clock; followers hear of
/// changes; notifications are emailed to those who asked.
@Suite struct ReminderTests {
    static let minute: Int64 = 60_000
    static func at(_ text: String) -> Int64 { Clock.millis(DateTimeText.parse(text, timeZone: .shanghai)!) }

    static func reminders(_ company: Company, _ entity: String, _ id: Int64) async throws -> [ReminderQueue.Pending] {
        try await company.database.read { try await ReminderQueue.of(entity: entity, recordId: id, db: $0) }
    }

    static func notices(_ company: Company, _ actor: Actor) async throws -> [Notice] {
        try await company.database.read { try await Notices.list(userId: actor.userId, limit: 100, db: $0) }
    }

    @Test(arguments: TestBackend.available)
    func anEventRemindsItsOwnerOnceAndARepeatMovesOnToItsNextTime(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let events = company.entity("event")
        let meeting = try await company.records.create(events, input: [
            "subject": .string("周会"), "kind": .string("meeting"), "starts_at": .string("2099-03-02 09:00"),
            "ends_at": .string("2099-03-02 10:00"), "repetition": .string("weekly")], context: company.context(company.repOne)).record
        let first = try await Self.reminders(company, "event", meeting.id)
        #expect(first.map(\.fireAt) == [Self.at("2099-03-02 08:45")] && first.first?.userId == company.repOne.userId)

        let fire = { (now: Int64) in try await ReminderQueue.fire(now: now, database: company.database, catalog: company.catalog) }
        #expect(try await fire(Self.at("2099-03-02 08:44")) == 0)
        #expect(try await fire(Self.at("2099-03-02 08:45")) == 1)
        #expect(try await fire(Self.at("2099-03-02 08:50")) == 0)
        let notices = try await ReminderTests.notices(company, company.repOne)
        #expect(notices.map(\.kind) == ["reminder_event"] && notices.first?.params["at"] == String(Self.at("2099-03-02 09:00")))
        // The next week's meeting waits its turn; editing the event does not send this week's again.
        let after = try await Self.reminders(company, "event", meeting.id)
        #expect(after.map(\.occursAt) == [Self.at("2099-03-02 09:00"), Self.at("2099-03-09 09:00")] && after.first?.firedAt != nil)
        _ = try await company.records.update(events, id: meeting.id, input: ["place": .string("会议室")], expectedVersion: nil,
                                             context: company.context(company.repOne))
        #expect(try await fire(Self.at("2099-03-02 08:55")) == 0)
        // Deleting it takes its pending reminder away.
        try await company.records.delete(events, id: meeting.id, context: company.context(company.admin))
        #expect(try await fire(Self.at("2099-03-09 08:45")) == 0)
    }

    @Test(arguments: TestBackend.available)
    func dueDaysRemindAtTheChosenHourOfThePersonsClockUntilDone(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let tasks = company.entity("task"), rep = company.context(company.repOne)
        var preferences = NoticePreferences()
        (preferences.dueDays, preferences.dueHour, preferences.eventMinutes) = (1, 8, nil)
        let chosen = preferences
        try await company.database.write { try await NoticePreferences.save(chosen, userId: company.repOne.userId, context: rep, db: $0) }
        let task = try await company.records.create(tasks, input: ["subject": .string("寄样品"), "due_date": .string("2099-05-10")], context: rep).record
        #expect(try await Self.reminders(company, "task", task.id).map(\.fireAt) == [Self.at("2099-05-09 08:00")])
        // An event is not reminded of when the person switched event reminders off.
        let event = try await company.records.create(company.entity("event"), input: [
            "subject": .string("拜访"), "kind": .string("visit"), "starts_at": .string("2099-05-10 10:00")], context: rep).record
        #expect(try await Self.reminders(company, "event", event.id).isEmpty)
        // A task done has nothing left to remind of.
        _ = try await company.records.update(tasks, id: task.id, input: ["status": .string("done")], expectedVersion: nil, context: rep)
        #expect(try await Self.reminders(company, "task", task.id).isEmpty)
        // A promised call-back reminds the customer's owner.
        let customer = try await company.customer("回访客户", by: company.repOne)
        let followUp = try await company.records.create(company.entity("follow_up"), input: [
            "customer_id": .number(String(customer.id)), "happened_at": .string("2099-05-01 10:00"), "method": .string("call"),
            "content": .string("客户要求下周回电"), "next_date": .string("2099-05-08")], context: rep).record
        #expect(try await Self.reminders(company, "follow_up", followUp.id).map(\.fireAt) == [Self.at("2099-05-07 08:00")])
    }

    /// Two servers on one database both send what is due: each reminder goes out once; and
    /// one opened after the first closed (a restart) sends what was waiting.
    @Test(arguments: TestBackend.available)
    func remindersSurviveARestartAndTwoServersSendEachOnce(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend, shared: true)
        let events = company.entity("event")
        for hour in 0..<60 {
            _ = try await company.records.create(events, input: [
                "subject": .string("会议\(hour)"), "kind": .string("meeting"),
                "starts_at": .string(String(format: "2099-06-%02d 10:00", 1 + hour % 28))], context: company.context(hour % 2 == 0 ? company.repOne : company.repTwo))
        }
        let now = Self.at("2099-07-01 00:00")
        let restarted = try StoreDatabase.open(company.location, on: MultiThreadedEventLoopGroup.singleton)
        let sent = try await withThrowingTaskGroup(of: Int.self) { group in
            for database in [company.database, restarted] {
                group.addTask { try await ReminderQueue.fire(now: now, batch: 7, database: database, catalog: company.catalog) }
            }
            return try await group.reduce(0, +)
        }
        await restarted.shutdown()
        #expect(sent == 60)
        let rows = try await company.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n, COUNT(DISTINCT record_id) AS d FROM notifications WHERE kind = 'reminder_event'").first()
        }
        #expect(try rows?.integer("n") == 60 && rows?.integer("d") == 60)
    }

    @Test(arguments: TestBackend.available)
    func followersHearOfOthersChangesAndAskedForMail(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customers = company.entity("customer")
        let customer = try await company.customer("关注客户", by: company.repOne)
        let manager = company.managerOne
        var input = DirectoryService.UserInput()
        input.email = "manager@example.com"
        _ = try await company.directory.updateUser(manager.userId, input, expectedVersion: nil, context: company.context(company.admin))
        var preferences = NoticePreferences()
        preferences.email = true
        let chosen = preferences
        try await company.database.write { db in
            try await Follows.follow(customers, recordId: customer.id, userId: manager.userId, now: Clock.millis(), db: db)
            try await Follows.follow(customers, recordId: customer.id, userId: company.repOne.userId, now: Clock.millis(), db: db)
            try await NoticePreferences.save(chosen, userId: manager.userId, context: company.context(manager), db: db)
        }
        _ = try await company.records.update(customers, id: customer.id, input: ["phone": .string("13800000000")], expectedVersion: nil,
                                             context: company.context(company.repOne))
        let heard = try await ReminderTests.notices(company, manager)
        #expect(heard.map(\.kind) == ["followed_update"] && heard.first?.params["fields"] == "phone")
        // The writer is not told of their own change.
        #expect(try await ReminderTests.notices(company, company.repOne).isEmpty)
        let mail = try await MailOutbox.claim(now: Clock.millis() + Self.minute, database: company.database)
        #expect(mail.map(\.to) == ["manager@example.com"] && mail.first?.notice?.id == heard.first?.id)
        // Claimed, it is not handed to another sender until its lease runs out.
        #expect(try await MailOutbox.claim(now: Clock.millis() + Self.minute, database: company.database).isEmpty)
        try await MailOutbox.failed(mail[0], error: "421 busy", now: Clock.millis(), database: company.database)
        let retried = try await MailOutbox.claim(now: Clock.millis() + 2 * Self.minute, database: company.database)
        #expect(retried.map(\.attempts) == [2])
    }
}

/// Work handed over reminds its new owner.
@Suite struct HandoverReminderTests {
    @Test(arguments: TestBackend.available)
    func aHandedOverTaskRemindsItsNewOwner(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let task = try await company.records.create(company.entity("task"), input: ["subject": .string("回访"), "due_date": .string("2099-05-10")],
                                                    context: company.context(company.repOne)).record
        try await Handover(records: company.records).run(from: company.repOne.userId, to: company.repOneB.userId, customersToPool: false,
                                                         context: company.context(company.admin))
        let reminders = try await company.database.read { try await ReminderQueue.of(entity: "task", recordId: task.id, db: $0) }
        #expect(reminders.map(\.userId) == [company.repOneB.userId])
    }

    /// A task a manager gives a rep tells the rep; one people write for themselves tells nobody;
    /// and a rep may give tasks only within their own scope, which is themselves.
    @Test(arguments: TestBackend.available)
    func aTaskGivenToSomeoneTellsThem(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let tasks = company.entity("task")
        let given = try await company.records.create(tasks, input: ["subject": .string("准备投标文件"), "due_date": .string("2099-05-10"),
                                                                   "owner_id": .string(String(company.repOne.userId))],
                                                     context: company.context(company.managerOne)).record
        #expect(given.ownerId == company.repOne.userId)
        let told = try await ReminderTests.notices(company, company.repOne).filter { $0.kind == "assigned" }
        #expect(told.map(\.recordId) == [given.id])
        #expect(told.first?.params["name"] == "准备投标文件")
        _ = try await company.records.create(tasks, input: ["subject": .string("自己的事"), "due_date": .string("2099-05-10")],
                                             context: company.context(company.repOne))
        _ = try await company.records.update(tasks, id: given.id, input: ["status": .string("done")], expectedVersion: nil,
                                             context: company.context(company.repOne))
        #expect(try await ReminderTests.notices(company, company.repOne).filter { $0.kind == "assigned" }.count == 1)
        await #expect(throws: RecordError.self) {
            _ = try await company.records.create(tasks, input: ["subject": .string("帮我做"), "due_date": .string("2099-05-10"),
                                                               "owner_id": .string(String(company.repOneB.userId))],
                                                 context: company.context(company.repOne))
        }
        #expect(try await ReminderTests.notices(company, company.repOneB).isEmpty)
    }
}
