import Foundation
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

/// History and the audit view show values as the form does: names for links and people,
/// money with ¥ and separators, 是/否, fields in the form's order.
@Suite struct HistoryRouteTests {
    @Test(arguments: TestBackend.available)
    func historyReadsAsTheFormDoes(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            #expect(try await api.send(.POST, "/api/v1/customers", json: #"{"name":"历史客户甲"}"#).status == .created)
            #expect(try await api.send(.POST, "/api/v1/customers", json: #"{"name":"历史客户乙"}"#).status == .created)
            let deal = try await api.send(.POST, "/api/v1/opportunities", json: #"{"name":"历史商机","customer_id":1,"stage":"proposal","amount":"350000"}"#)
            #expect(deal.status == .created)
            let moved = try await api.send(.PATCH, "/api/v1/opportunities/1", json: #"{"customer_id":2,"amount":"200000","version":1}"#)
            #expect(moved.status == .ok, "\(moved.body.string)")
            #expect(try await api.send(.POST, "/api/v1/contacts", json: #"{"name":"历史联系人","customer_id":1,"is_primary":true}"#).status == .created)
            #expect(try await api.send(.PUT, "/api/v1/targets", json: #"{"period":"2026-12","targets":[{"user_id":1,"base":"200000"}]}"#).status == .ok)

            let page = WebSession(app)
            _ = try await page.signIn("admin", WebSession.adminPassword)
            let history = try await page.send(.GET, "/opportunities/1").body.string
            let changes = try #require(history.range(of: #"id="history""#).map { String(history[$0.upperBound...]) })
            #expect(changes.contains("<del>历史客户甲</del>") && changes.contains("<ins>历史客户乙</ins>"))
            #expect(changes.contains("<del>¥350,000.00</del>") && changes.contains("<ins>¥200,000.00</ins>"))
            // The oldest entry, the creation, lists the fields in the form's order.
            let created = try #require(changes.ranges(of: #"<table class="changes">"#).last.map { String(changes[$0.upperBound...]) })
            let name = try #require(created.range(of: "商机名称")?.lowerBound), amount = try #require(created.range(of: "预计金额")?.lowerBound)
            #expect(name < amount)
            #expect(try await page.send(.GET, "/contacts/1").body.string.contains("<ins>是</ins>"))
            let audit = try await page.send(.GET, "/admin/audit?entity=sales_target").body.string
            #expect(audit.contains("业绩目标") && audit.contains("<ins>¥200,000.00</ins>") && !audit.contains("20000000"))
        }
    }
}
