import Foundation
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

/// A customer's hub page counts and shows only what its reader may see: a colleague's event
/// about the customer and a deal in another's name stay off a rep's timeline and figures.
@Suite struct HubRouteTests {
    @Test(arguments: TestBackend.available)
    func theHubShowsWhatTheReaderMaySee(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let admin = WebSession(app)
            admin.bearer = try await admin.token("admin", WebSession.adminPassword)
            _ = try await admin.department("华南销售部", people: [("alice", "sales_rep")])
            let alice = WebSession(app)
            alice.bearer = try await alice.token("alice", "Secret-alice-2026")
            #expect(try await alice.send(.POST, "/api/v1/customers", json: #"{"name":"枢纽测试客户"}"#).status == .created)
            #expect(try await alice.send(.POST, "/api/v1/follow_ups", json: #"""
                {"customer_id":1,"happened_at":"2026-11-20T10:00:00+08:00","method":"call","content":"约好演示"}
                """#).status == .created)
            #expect(try await admin.send(.POST, "/api/v1/events", json: #"""
                {"subject":"经理私下拜访","kind":"visit","customer_id":1,"starts_at":"2026-11-25T10:00:00+08:00"}
                """#).status == .created)
            #expect(try await admin.send(.POST, "/api/v1/opportunities", json: #"""
                {"name":"经理的大单","customer_id":1,"amount":"500000","stage":"proposal"}
                """#).status == .created)

            let boss = WebSession(app)
            _ = try await boss.signIn("admin", WebSession.adminPassword)
            let everything = try await boss.send(.GET, "/customers/1").body.string
            #expect(everything.contains("经理私下拜访") && everything.contains("约好演示") && everything.contains("1 个 · ¥500,000.00"))

            let rep = WebSession(app)
            _ = try await rep.signIn("alice", "Secret-alice-2026")
            let hers = try await rep.send(.GET, "/customers/1").body.string
            #expect(hers.contains("约好演示") && hers.contains("0 个 · ¥0.00"))
            #expect(!hers.contains("经理私下拜访") && !hers.contains("经理的大单"))
        }
    }
}
