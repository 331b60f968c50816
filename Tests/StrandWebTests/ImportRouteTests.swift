import Foundation
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

/// An import through the API: upload, mapping suggested from Chinese headers, preview, a run in
/// the background, the outcome, and a revert.
@Suite struct ImportRouteTests {
    @Test(arguments: TestBackend.available)
    func anImportRunsThroughTheAPI(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let csv = "客户名称,手机,客户等级,负责人\r\n华强电子,0755-12345678,A 重点,admin\r\n,0755-1,B,admin\r\n南山科技,0755-7654321,C 一般,admin\r\n"
            let made = try await api.send(.POST, "/api/v1/imports?entity=customer&file_name=%E5%B1%95%E4%BC%9A.csv", body: csv)
            #expect(made.status == .created)
            #expect(made.body.string.contains(#""mapping":{"#) && made.body.string.contains(#""0":"name""#) && made.body.string.contains(#""1":"phone""#))
            #expect(made.body.string.contains(#""2":"grade""#) && made.body.string.contains(#""3":"owner_id""#))
            let id = try #require(made.body.string.firstMatch(of: /"id":(\d+)/)?.1)
            let set = try await api.send(.PUT, "/api/v1/imports/\(id)/settings", json: #"{"mapping":{"0":"name","1":"phone","2":"grade","3":"owner_id"},"duplicates":"skip","match_field":"name","tag":"春季展"}"#)
            #expect(set.status == .ok)
            let preview = try await api.send(.GET, "/api/v1/imports/\(id)/preview")
            #expect(preview.body.string.contains(#""new":2"#) && preview.body.string.contains(#""error":1"#))
            #expect(preview.body.string.contains(#""name":"不能为空""#) || preview.body.string.contains(#""name":"#))
            #expect(try await api.send(.POST, "/api/v1/imports/\(id)/run").status == .accepted)
            var outcome = ""
            for _ in 0..<100 {
                outcome = try await api.send(.GET, "/api/v1/imports/\(id)").body.string
                if !outcome.contains(#""status":"running""#) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(outcome.contains(#""status":"done""#) && outcome.contains(#""created":2"#) && outcome.contains(#""row":3"#))
            let customers = try await api.send(.GET, "/api/v1/customers?q=%E5%8D%97%E5%B1%B1")
            #expect(customers.body.string.contains(#""grade":"C""#) && customers.body.string.contains("春季展"))
            #expect(try await api.send(.POST, "/api/v1/imports/\(id)/revert").body.string.contains(#""status":"reverted""#))
            #expect(!(try await api.send(.GET, "/api/v1/customers?q=%E5%8D%97%E5%B1%B1")).body.string.contains("南山科技"))
            // A list exports through the API too.
            #expect(try await api.send(.GET, "/api/v1/customers/export?format=csv").status == .ok)
        }
    }
}
