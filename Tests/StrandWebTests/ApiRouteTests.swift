import Foundation
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

@Suite struct ApiRouteTests {
    @Test(arguments: TestBackend.available)
    func answersWithTheDocumentedStatusesAndErrorShape(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let api = WebSession(app)
            #expect(try await api.send(.GET, "/healthz").status == .ok)
            let anonymous = try await api.send(.GET, "/api/v1/customers")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.body.string.contains(#""error":{"code":"unauthorized""#))
            api.bearer = "st_not-a-token"
            #expect(try await api.send(.GET, "/api/v1/customers").status == .unauthorized)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let created = try await api.send(.POST, "/api/v1/customers", json: #"{"name":"成都天府软件有限公司","type":"direct","phone":"028-85551234"}"#)
            #expect(created.status == .created)
            #expect(created.body.string.contains(#""version":1"#))
            let invalid = try await api.send(.POST, "/api/v1/customers", json: #"{"name":"","email":"x@","colour":"red"}"#)
            #expect(invalid.status == .unprocessableEntity)
            for field in ["name", "email", "colour"] { #expect(invalid.body.string.contains("\"\(field)\":")) }
            #expect(try await api.send(.PATCH, "/api/v1/customers/1", json: #"{"grade":"A","version":1}"#).status == .ok)
            let stale = try await api.send(.PATCH, "/api/v1/customers/1", json: #"{"grade":"B","version":1}"#)
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains(#""changes":{"grade":{"from":null,"to":"A"}}"#))
            #expect(try await api.send(.GET, "/api/v1/customers/424242").status == .notFound)
            #expect(try await api.send(.GET, "/api/v1/customers?sort=password").status == .badRequest)
            #expect(try await api.send(.POST, "/api/v1/customers", json: "not json").status == .badRequest)
            // An option that is none of the field's matches nothing, on PostgreSQL too (found by schemathesis).
            let nonsense = try await api.send(.GET, "/api/v1/customers?filter[source]=nonsense&filter[department_id]=x")
            #expect(nonsense.status == .ok && nonsense.body.string.contains(#""data":[]"#))
            let page = try await api.send(.GET, "/api/v1/customers?filter[type]=direct&limit=1")
            #expect(page.body.string.contains(#""next_cursor":null"#))
            let search = try await api.send(.GET, "/api/v1/search?q=cdtf")
            #expect(search.body.string.contains("成都天府软件有限公司"))
            let spec = try await api.send(.GET, "/api/v1/openapi.json")
            let document = try JSONSerialization.jsonObject(with: Data(spec.body.string.utf8)) as? [String: Any]
            #expect(document?["openapi"] as? String == "3.0.3")
            #expect((document?["paths"] as? [String: Any])?["/api/v1/follow_ups/{id}"] != nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func aSalesRepSeesOnlyOwnRecordsAndCannotDelete(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let admin = WebSession(app)
            admin.bearer = try await admin.token("admin", WebSession.adminPassword)
            try await admin.send(.POST, "/api/v1/departments", json: #"{"name":"销售一部"}"#)
            for name in ["repa", "repb"] {
                let made = try await admin.send(.POST, "/api/v1/users", json: #"{"username":"\#(name)","password":"password-\#(name)-1","name":"\#(name)","department_id":1,"roles":["sales_rep"]}"#)
                #expect(made.status == .created)
            }
            let a = WebSession(app), b = WebSession(app)
            a.bearer = try await a.token("repa", "password-repa-1")
            b.bearer = try await b.token("repb", "password-repb-1")
            let created = try await a.send(.POST, "/api/v1/customers", json: #"{"name":"甲的客户"}"#)
            #expect(created.status == .created)
            #expect(try await b.send(.GET, "/api/v1/customers/1").status == .notFound)
            #expect(try await b.send(.PATCH, "/api/v1/customers/1", json: #"{"grade":"A","version":1}"#).status == .notFound)
            #expect(!(try await b.send(.GET, "/api/v1/customers")).body.string.contains("甲的客户"))
            #expect(try await a.send(.DELETE, "/api/v1/customers/1").status == .forbidden)
            #expect(try await a.send(.GET, "/api/v1/customers/1").status == .ok)
            #expect(try await a.send(.POST, "/api/v1/users", json: #"{"username":"sneaky","password":"password-sneaky","name":"x"}"#).status == .forbidden)
        }
    }
}
