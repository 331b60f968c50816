import Foundation
import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// Events and tasks through the one write pipeline: their checks, defaults and scope.
@Suite struct CalendarTests {
    @Test(arguments: TestBackend.available)
    func eventsEndAfterTheyStartAndTasksStartOpen(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let customer = try await company.customer("日程客户", by: company.repOne)
        let rep = company.context(company.repOne)
        let event = { (start: String, end: String) in
            try await company.records.create(company.entity("event"), input: [
                "subject": .string("上门拜访"), "kind": .string("visit"), "starts_at": .string(start), "ends_at": .string(end),
                "customer_id": .number(String(customer.id)), "repetition": .string("weekly")], context: rep).record
        }
        #expect(await BulkActionTests.outcome { _ = try await event("2026-11-24 10:00", "2026-11-24 09:00") } == "ends_at:before_start")
        let visit = try await event("2026-11-24 10:00", "2026-11-24 11:30")
        #expect(visit["ends_at"].integerValue! - visit["starts_at"].integerValue! == 90 * 60_000 && visit.ownerId == company.repOne.userId)

        let task = try await company.records.create(company.entity("task"), input: [
            "subject": .string("寄送报价单"), "due_date": .string("2026-11-25"), "customer_id": .number(String(customer.id))], context: rep).record
        #expect(task["priority"] == .text("normal") && task["status"] == .text("open"))
        // Someone else's calendar and tasks are out of a salesperson's sight, in the manager's.
        let tasks = company.entity("task"), events = company.entity("event")
        #expect(try await company.database.find(tasks, id: task.id, scope: company.repTwo.filter(.view, on: "task")) == nil)
        #expect(try await company.database.find(events, id: visit.id, scope: company.managerOne.filter(.view, on: "event")) != nil)
    }

    @Test(arguments: TestBackend.available)
    func aWeekShowsRepeatsAndPrivacyAndConflictsNameTheBusy(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let events = company.entity("event")
        let add = { (subject: String, start: String, end: String, extra: [String: InputValue]) in
            try await company.records.create(events, input: ["subject": .string(subject), "kind": .string("meeting"),
                                                             "starts_at": .string(start), "ends_at": .string(end)].merging(extra) { $1 },
                                             context: company.context(company.repOne)).record
        }
        let weekly = try await add("周会", "2026-11-02 09:00", "2026-11-02 10:00", ["repetition": .string("weekly")])
        #expect(weekly["time_zone"] == .text(TimeZone.shanghai.identifier))
        #expect(await BulkActionTests.outcome { _ = try await add("长会", "2026-11-02 09:00", "2026-12-04 10:00", [:]) } == "ends_at:event_too_long")
        _ = try await add("拜访", "2026-11-24 10:00", "2026-11-24 11:30", [:])
        _ = try await add("体检", "2026-11-25 14:00", "2026-11-25 15:00", ["private": .bool(true)])
        let at = { (text: String) in Clock.millis(DateTimeText.parse(text, timeZone: .shanghai)!) }
        let (monday, nextMonday) = (at("2026-11-23 00:00"), at("2026-11-30 00:00"))
        let rep = company.repOne.userId
        let own = try await company.database.calendar(owners: [rep], from: monday, to: nextMonday, reader: rep,
                                                      scope: company.repOne.filter(.view, on: "event"))
        #expect(own.map(\.subject) == ["周会", "拜访", "体检"] && own.first?.occurrence == 3 && own.allSatisfy { !$0.busyOnly })
        let managers = try await company.database.calendar(owners: [rep], from: monday, to: nextMonday, reader: company.managerOne.userId,
                                                           scope: company.managerOne.filter(.view, on: "event"))
        #expect(managers.map(\.busyOnly) == [false, false, true] && managers.last?.subject == "")
        #expect(try await company.database.calendar(owners: [rep], from: monday, to: nextMonday, reader: company.repTwo.userId,
                                                    scope: company.repTwo.filter(.view, on: "event")).isEmpty)
        // Booking the salesperson at the next meeting's time names it, as busy to a colleague.
        let clash = try await company.database.conflicts(users: [rep], from: at("2026-11-30 09:30"), to: at("2026-11-30 09:45"),
                                                         reader: company.repTwo.userId, visible: company.repTwo.filter(.view, on: "event"))
        #expect(clash.count == 1 && clash.first?.eventId == weekly.id && clash.first?.occurrence == 4 && clash.first?.busyOnly == true)
        #expect(try await company.database.conflicts(users: [rep], from: at("2026-11-30 10:00"), to: at("2026-11-30 10:00"),
                                                     reader: rep, visible: company.repOne.filter(.view, on: "event")).isEmpty)
    }

    @Test(arguments: TestBackend.available)
    func anEventOverAnotherOfTheOwnersWarnsUnlessSavedAnyway(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let events = company.entity("event"), rep = company.context(company.repOne)
        let input = { (subject: String, start: String, end: String, repetition: String) -> [String: InputValue] in
            ["subject": .string(subject), "kind": .string("meeting"), "starts_at": .string(start), "ends_at": .string(end), "repetition": .string(repetition)]
        }
        let weekly = try await company.records.create(events, input: input("周会", "2026-11-02 09:00", "2026-11-02 10:00", "weekly"),
                                                      context: rep, acknowledgeWarnings: false).record
        // A visit in a later week's meeting names it; said to save anyway, it is saved and still says so.
        var busy: [CalendarEntry] = []
        do {
            _ = try await company.records.create(events, input: input("拜访", "2026-11-30 09:30", "2026-11-30 11:00", ""), context: rep,
                                                 acknowledgeWarnings: false)
        } catch RecordError.busy(let entries) { busy = entries }
        #expect(busy.map(\.eventId) == [weekly.id] && busy.first?.occurrence == 4)
        let visit = try await company.records.create(events, input: input("拜访", "2026-11-30 09:30", "2026-11-30 11:00", ""), context: rep,
                                                     acknowledgeWarnings: true)
        #expect(visit.conflicts.map(\.eventId) == [weekly.id])
        // A repeating event is checked at each time it is held: daily at 17:00 meets nothing, daily at 09:15 meets Monday's meeting.
        _ = try await company.records.create(events, input: input("日报", "2026-11-24 17:00", "2026-11-24 17:30", "daily"), context: rep,
                                             acknowledgeWarnings: false)
        #expect(await BulkActionTests.outcome {
            _ = try await company.records.create(events, input: input("晨会", "2026-11-24 09:15", "2026-11-24 09:30", "daily"), context: rep,
                                                 acknowledgeWarnings: false)
        }.hasPrefix("busy"))
        // Moving the visit off the meeting needs no word; moving it back onto it warns; a colleague's calendar is not the owner's.
        _ = try await company.records.update(events, id: visit.record.id, input: ["starts_at": .string("2026-11-30 10:00")], expectedVersion: nil,
                                             context: rep, acknowledgeWarnings: false)
        #expect(await BulkActionTests.outcome {
            _ = try await company.records.update(events, id: visit.record.id, input: ["starts_at": .string("2026-11-30 09:45")], expectedVersion: nil,
                                                 context: rep, acknowledgeWarnings: false)
        }.hasPrefix("busy"))
        _ = try await company.records.create(events, input: input("拜访", "2026-11-30 09:30", "2026-11-30 11:00", ""),
                                             context: company.context(company.repTwo), acknowledgeWarnings: false)
    }
}
