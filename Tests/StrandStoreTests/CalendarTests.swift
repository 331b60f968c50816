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
}
