import Foundation
import StrandCore
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

/// The workbench gathers the day: schedule, tasks, call-backs, figures and sticky notes; notes
/// on a record are refused beside their field when empty or too long.
@Suite struct WorkbenchRouteTests {
    @Test(arguments: TestBackend.available)
    func theWorkbenchGathersTheDayAndNotesAreKept(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let zone = TimeZone(identifier: "Asia/Shanghai")!
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let today = DateTimeText.day(now, timeZone: zone)
            let at = DateTimeText.iso(today.start(in: zone) + 23 * 3_600_000 + 30 * 60_000)
            for json in [
                #"{"subject":"晚间电话会","kind":"call","starts_at":"\#(at)"}"#,
            ] { #expect(try await api.send(.POST, "/api/v1/events", json: json).status == .created) }
            for (subject, day) in [("补交资料", today.adding(days: -2)), ("发报价", today), ("下周再说", today.adding(days: 5))] {
                #expect(try await api.send(.POST, "/api/v1/tasks", json: #"{"subject":"\#(subject)","due_date":"\#(day)"}"#).status == .created)
            }
            #expect(try await api.send(.POST, "/api/v1/customers", json: #"{"name":"工作台客户"}"#).status == .created)
            #expect(try await api.send(.POST, "/api/v1/follow_ups", json: """
                {"customer_id":1,"happened_at":"\(DateTimeText.iso(now - 60_000))","method":"call","content":"约好今天回电","next_step":"确认型号","next_date":"\(today)"}
                """).status == .created)
            #expect(try await api.send(.POST, "/api/v1/notes", json: #"{"content":"周五前交周报"}"#).status == .created)

            let page = WebSession(app)
            try await page.signIn("admin", WebSession.adminPassword)
            let home = try await page.send(.GET, "/").body.string
            #expect(home.contains("23:30 晚间电话会"))
            #expect(home.contains("补交资料") && home.contains("已逾期") && home.contains("发报价") && !home.contains("下周再说"))
            #expect(home.contains("工作台客户") && home.contains("确认型号"))
            #expect(home.contains("周五前交周报"))
            let figures = try #require(home.range(of: "新增客户").map { String(home[$0.upperBound...].prefix(80)) })
            #expect(figures.contains("<td>1</td><td>1</td>"))

            // Done from the workbench, a task leaves it.
            #expect(try await page.send(.POST, "/tasks/2", form: ["partial": "1", "status": "done", "return_to": "/"]).status == .seeOther)
            // It says so once, by name, and then the task is gone.
            #expect(try await page.send(.GET, "/").body.string.contains("已保存“发报价”"))
            #expect(!(try await page.send(.GET, "/").body.string.contains("发报价")))

            // A note on the customer shows on its page; an empty one is refused beside its field.
            #expect(try await page.send(.POST, "/notes", form: ["resource": "customers", "record_id": "1", "content": "老板姓王，喜欢喝茶"]).status == .seeOther)
            #expect(try await page.send(.GET, "/customers/1").body.string.contains("老板姓王，喜欢喝茶"))
            let refused = try await page.send(.POST, "/notes", form: ["resource": "customers", "record_id": "1", "content": "  "])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("field-error"))
            let notes = try await api.send(.GET, "/api/v1/customers/1/notes").body.string
            #expect(notes.contains("老板姓王"))

            // A primary contact's birthday in five days is on the care page, and they are on the festival greeting lists.
            let soon = today.adding(days: 5)
            let birthday = String(format: "1970-%02d-%02d", soon.month, soon.day == 29 && soon.month == 2 ? 28 : soon.day)
            #expect(try await api.send(.POST, "/api/v1/contacts", json: """
                {"customer_id":1,"name":"王老板","is_primary":true,"birthday":"\(birthday)"}
                """).status == .created)
            let care = try await page.send(.GET, "/care").body.string
            #expect(care.contains("王老板") && care.contains("中秋节") && care.contains("问候名单：主要联系人 1 位"))
        }
    }
}
