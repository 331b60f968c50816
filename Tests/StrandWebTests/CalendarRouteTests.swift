import Foundation
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

/// The calendar through its pages and the API: a weekly event shows once per week in the week
/// and month views and in the API's list of times.
@Suite struct CalendarRouteTests {
    @Test(arguments: TestBackend.available)
    func aWeeklyEventShowsEachWeek(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let made = try await api.send(.POST, "/api/v1/events", json: #"""
                {"subject":"部门周会","kind":"meeting","starts_at":"2026-11-24T10:00:00+08:00","ends_at":"2026-11-24T11:30:00+08:00","repetition":"weekly"}
                """#)
            #expect(made.status == .created)
            let times = try await api.send(.GET, "/api/v1/calendar?from=2026-11-23&to=2026-12-07")
            #expect(times.status == .ok && times.body.string.components(separatedBy: "部门周会").count == 3)
            #expect(times.body.string.contains(#""starts_at":"2026-12-01T02:00:00Z""#))
            #expect(try await api.send(.GET, "/api/v1/calendar?from=2026-12-07&to=2026-11-23").status == .unprocessableEntity)
            // An event over the next week's meeting is saved, with the meeting named among its warnings.
            let over = try await api.send(.POST, "/api/v1/events", json: #"{"subject":"客户来访","kind":"visit","starts_at":"2026-12-01T11:00:00+08:00"}"#)
            #expect(over.status == .created && over.body.string.contains(#""conflicts":[{"#) && over.body.string.contains(#""occurrence":1"#))

            // A task due and a follow-up promised stand with their days.
            #expect(try await api.send(.POST, "/api/v1/tasks", json: #"{"subject":"寄送样品","due_date":"2026-11-25"}"#).status == .created)
            #expect(try await api.send(.POST, "/api/v1/customers", json: #"{"name":"日历测试客户"}"#).status == .created)
            #expect(try await api.send(.POST, "/api/v1/follow_ups", json: #"""
                {"customer_id":1,"happened_at":"2026-11-20T10:00:00+08:00","method":"call","content":"约好回访","next_step":"回电","next_date":"2026-11-26"}
                """#).status == .created)

            let page = WebSession(app)
            try await page.signIn("admin", WebSession.adminPassword)
            let week = try await page.send(.GET, "/calendar?view=week&day=2026-11-24")
            #expect(week.status == .ok && week.body.string.contains("10:00 部门周会"))
            #expect(week.body.string.contains("at-21 span-3"))
            #expect(week.body.string.contains("任务 寄送样品") && week.body.string.contains("跟进 日历测试客户：回电"))
            #expect(try await page.send(.GET, "/calendar?view=month&day=2026-11-24").body.string.components(separatedBy: "部门周会").count == 3)
            #expect(!(try await page.send(.GET, "/calendar?view=day&day=2026-11-25")).body.string.contains("部门周会"))
        }
    }
}
