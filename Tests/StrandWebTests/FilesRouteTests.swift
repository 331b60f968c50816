import Foundation
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

@Suite struct FilesRouteTests {
    @Test(arguments: TestBackend.available)
    func attachmentsFollowTheirRecordsScope(_ backend: TestBackend) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strand-files-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await WebSession.withApp(backend, dataDirectory: folder) { app in
            let admin = WebSession(app)
            admin.bearer = try await admin.token("admin", WebSession.adminPassword)
            try await admin.send(.POST, "/api/v1/departments", json: #"{"name":"销售一部"}"#)
            for name in ["repa", "repb"] {
                try await admin.send(.POST, "/api/v1/users", json: #"{"username":"\#(name)","password":"password-\#(name)-1","name":"\#(name)","department_id":1,"roles":["sales_rep"]}"#)
            }
            let a = WebSession(app), b = WebSession(app)
            a.bearer = try await a.token("repa", "password-repa-1")
            b.bearer = try await b.token("repb", "password-repb-1")
            let upload = try await a.send(.POST, "/api/v1/files?name=%E6%8A%A5%E4%BB%B7%E5%8D%95.html", body: "<script>alert(1)</script>")
            #expect(upload.status == .created)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(upload.body.string.utf8)) as? [String: Any])?["id"] as? String)
            let theirs = try await b.send(.POST, "/api/v1/files?name=x.txt", body: "b's file")
            let theirId = (try JSONSerialization.jsonObject(with: Data(theirs.body.string.utf8)) as? [String: Any])?["id"] as? String ?? ""
            try await a.send(.POST, "/api/v1/customers", json: #"{"name":"附件客户"}"#)
            let stolen = try await a.send(.POST, "/api/v1/follow_ups", json: #"{"customer_id":1,"happened_at":"2026-11-23T10:00:00+08:00","method":"visit","content":"带附件","attachments":["\#(theirId)"]}"#)
            #expect(stolen.status == .unprocessableEntity)
            let followUp = try await a.send(.POST, "/api/v1/follow_ups", json: #"{"customer_id":1,"happened_at":"2026-11-23T10:00:00+08:00","method":"visit","content":"带附件","attachments":["\#(id)"]}"#)
            #expect(followUp.status == .created)
            #expect(followUp.body.string.contains(id))
            let download = try await a.send(.GET, "/api/v1/files/\(id)")
            #expect(download.status == .ok)
            #expect(download.body.string == "<script>alert(1)</script>")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            #expect(download.headers.contentType == .binary)
            #expect(try await b.send(.GET, "/api/v1/files/\(id)").status == .notFound)
            #expect(try await admin.send(.GET, "/api/v1/files/\(id)").status == .ok)
        }
    }
}
