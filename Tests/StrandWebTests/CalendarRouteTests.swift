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

/// A department's week side by side: every member's times, the ones the reader may not see
/// (and others' private ones) only as busy.
@Suite struct TeamCalendarRouteTests {
    @Test(arguments: TestBackend.available)
    func theTeamWeekShowsEachMembersTimesAsTheReaderMaySeeThem(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let admin = WebSession(app)
            admin.bearer = try await admin.token("admin", WebSession.adminPassword)
            let departmentId = try await admin.department("华东销售部", people: [("alice", "sales_rep"), ("bob", "sales_rep")])
            let alice = WebSession(app)
            alice.bearer = try await alice.token("alice", "Secret-alice-2026")
            for (subject, extra) in [("拜访华为", ""), ("看牙医", #","private":true"#)] {
                let made = try await alice.send(.POST, "/api/v1/events", json: """
                    {"subject":"\(subject)","kind":"visit","starts_at":"2026-11-25T10:00:00+08:00","ends_at":"2026-11-25T11:00:00+08:00"\(extra)}
                    """)
                #expect(made.status == .created)
            }
            let boss = WebSession(app)
            try await boss.signIn("admin", WebSession.adminPassword)
            let seen = try await boss.send(.GET, "/calendar?view=team&day=2026-11-24&department=\(departmentId)").body.string
            #expect(seen.contains("10:00 拜访华为") && !seen.contains("看牙医") && seen.contains("10:00 忙碌"))
            #expect(seen.contains(">alice<") && seen.contains(">bob<"))
            // A colleague whose scope is their own sees only that alice is busy.
            let bob = WebSession(app)
            try await bob.signIn("bob", "Secret-bob-2026")
            let theirs = try await bob.send(.GET, "/calendar?view=team&day=2026-11-24&department=\(departmentId)").body.string
            #expect(!theirs.contains("拜访华为") && theirs.components(separatedBy: "10:00 忙碌").count == 3)
        }
    }
}
