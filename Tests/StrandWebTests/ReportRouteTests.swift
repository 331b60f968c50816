import Foundation
import StrandCore
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

/// Daily reports: drafted from the day's follow-ups, refused empty, handed in to the
/// department's manager, who sees who has not, comments, and so closes the report.
@Suite struct ReportRouteTests {
    @Test(arguments: TestBackend.available)
    func aDailyReportIsDraftedSubmittedSeenByTheManagerAndCommented(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let admin = WebSession(app)
            admin.bearer = try await admin.token("admin", WebSession.adminPassword)
            _ = try await admin.department("华南销售部", people: [("lily", "sales_rep"), ("tom", "sales_rep"), ("boss", "manager")])
            let lily = WebSession(app)
            lily.bearer = try await lily.token("lily", "Secret-lily-2026")
            #expect(try await lily.send(.POST, "/api/v1/customers", json: #"{"name":"日报客户"}"#).status == .created)
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            #expect(try await lily.send(.POST, "/api/v1/follow_ups", json: """
                {"customer_id":1,"happened_at":"\(DateTimeText.iso(now - 60_000))","method":"visit","content":"上门演示新版本\\n客户很满意"}
                """).status == .created)
            let today = DateTimeText.day(now, timeZone: TimeZone(identifier: "Asia/Shanghai")!)

            let page = WebSession(app)
            try await page.signIn("lily", "Secret-lily-2026")
            let draft = try await page.send(.GET, "/reports/daily/\(today)").body.string
            #expect(draft.contains("日报客户：上门演示新版本") && !draft.contains("客户很满意"))
            let empty = try await page.send(.POST, "/reports/daily/\(today)", form: ["done": " ", "plan": "", "problems": ""])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("field-error"))
            #expect(try await page.send(.POST, "/reports/daily/\(today)", form: ["done": "拜访日报客户", "plan": "发报价", "problems": "无"]).status == .seeOther)

            let boss = WebSession(app)
            try await boss.signIn("boss", "Secret-boss-2026")
            #expect(try await boss.send(.GET, "/notifications").body.string.contains("lily 提交了 \(today) 的日报"))
            let team = try await boss.send(.GET, "/reports/team?kind=daily&day=\(today)").body.string
            #expect(team.contains("已提交 1 / 2 人") && team.contains("未提交"))
            let id = try #require(team.firstMatch(of: /\/reports\/view\/(\d+)/)?.1)
            #expect(try await boss.send(.GET, "/reports/view/\(id)").body.string.contains("拜访日报客户"))
            #expect(try await boss.send(.POST, "/reports/view/\(id)/comment", form: ["comment": "报价尽快发出"]).status == .seeOther)
            // Sent, the comment is shown above an empty box, with a word that it went.
            let commented = try await boss.send(.GET, "/reports/view/\(id)").body.string
            #expect(commented.contains("点评已发送") && commented.contains(#"<p class="note-text">报价尽快发出</p>"#))
            #expect(commented.contains(#"name="comment" rows="3"></textarea>"#))

            // Commented, the report is closed to changes; a colleague cannot read it.
            #expect(try await page.send(.GET, "/notifications").body.string.contains("boss 点评了您 \(today) 的报告"))
            #expect(try await page.send(.POST, "/reports/daily/\(today)", form: ["done": "改一下"]).status == .unprocessableEntity)
            let tom = WebSession(app)
            try await tom.signIn("tom", "Secret-tom-2026")
            #expect(try await tom.send(.GET, "/reports/view/\(id)").status == .notFound)
            let tomsApi = WebSession(app)
            tomsApi.bearer = try await tomsApi.token("tom", "Secret-tom-2026")
            #expect(try await tomsApi.send(.PUT, "/api/v1/work_reports/weekly/\(today)", json: #"{"done":"本周拜访三家"}"#).status == .ok)
        }
    }
}
