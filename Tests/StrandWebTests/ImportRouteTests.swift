import Foundation
import StrandCore
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
            let outcome = try await self.run(id, api: api)
            #expect(outcome.contains(#""status":"done""#) && outcome.contains(#""created":2"#) && outcome.contains(#""row":3"#))
            let customers = try await api.send(.GET, "/api/v1/customers?q=%E5%8D%97%E5%B1%B1")
            #expect(customers.body.string.contains(#""grade":"C""#) && customers.body.string.contains("春季展"))
            #expect(try await api.send(.POST, "/api/v1/imports/\(id)/revert").body.string.contains(#""status":"reverted""#))
            #expect(!(try await api.send(.GET, "/api/v1/customers?q=%E5%8D%97%E5%B1%B1")).body.string.contains("南山科技"))
            // A list exports through the API too.
            #expect(try await api.send(.GET, "/api/v1/customers/export?format=csv").status == .ok)
        }
    }

    /// Business cards from a trade show become leads: the card's parts map to the lead's fields
    /// by themselves, and a lead without a status is new.
    @Test(arguments: TestBackend.available)
    func businessCardsBecomeLeads(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let cards = """
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nN:李;娜;;;\r\nORG:深圳华强电子有限公司;销售部\r\nTITLE:采购经理\r\n\
                TEL;TYPE=CELL:+86 138 0013 8000\r\nEMAIL:lina@huaqiang.cn\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E5=BC=BA\r\n\
                ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=8D=97=E5=B1=B1=E7=A7=91=E6=8A=80\r\nTEL;CELL:13912345678\r\nEND:VCARD\r\n
                """
            let made = try await api.send(.POST, "/api/v1/imports?entity=lead&file_name=cards.vcf", body: cards)
            #expect(made.status == .created)
            for pair in [#""0":"contact_name""#, #""1":"company""#, #""3":"position""#, #""4":"phone""#, #""6":"email""#] {
                #expect(made.body.string.contains(pair), "\(pair) in \(made.body.string)")
            }
            let id = try #require(made.body.string.firstMatch(of: /"id":(\d+)/)?.1)
            #expect(try await api.send(.PUT, "/api/v1/imports/\(id)/settings", json: #"{"duplicates":"skip","match_field":"company"}"#).status == .ok)
            #expect(try await api.send(.GET, "/api/v1/imports/\(id)/preview").body.string.contains(#""new":2"#))
            #expect(try await self.run(id, api: api).contains(#""created":2"#))
            let leads = try await api.send(.GET, "/api/v1/leads?q=%E5%8D%97%E5%B1%B1").body.string
            #expect(leads.contains("南山科技") && leads.contains("王强") && leads.contains(#""status":"new""#) && leads.contains("13912345678"))
        }
    }

    /// Starts an import and waits for it to end; its description then.
    func run(_ id: Substring, api: WebSession) async throws -> String {
        #expect(try await api.send(.POST, "/api/v1/imports/\(id)/run").status == .accepted)
        var outcome = ""
        for _ in 0..<100 {
            outcome = try await api.send(.GET, "/api/v1/imports/\(id)").body.string
            if !outcome.contains(#""status":"running""#) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return outcome
    }
}

/// What a list exports, an import reads back as the same records, for every field type a list
/// shows (files and document lines aside: they are not values of a cell).
@Suite struct RoundTripRouteTests {
    static let fields = ["name", "phone", "grade", "province", "cf_count", "cf_rate", "cf_budget", "cf_vip", "cf_since", "cf_met_at", "cf_mail",
                         "cf_site", "cf_level", "cf_topics", "cf_parent", "cf_team", "cf_memo"]

    static var catalog: EntityCatalog {
        var catalog = EntityCatalog()
        for field in [FieldDefinition("cf_count", .integer), FieldDefinition("cf_rate", .decimal), FieldDefinition("cf_budget", .money),
                      FieldDefinition("cf_vip", .bool), FieldDefinition("cf_since", .date), FieldDefinition("cf_met_at", .dateTime),
                      FieldDefinition("cf_mail", .email), FieldDefinition("cf_site", .url), FieldDefinition("cf_level", .choice).options(["gold", "silver"]),
                      FieldDefinition("cf_topics", .choices).options(["erp", "crm"]), FieldDefinition("cf_parent", .link).link("customer"),
                      FieldDefinition("cf_team", .people), FieldDefinition("cf_memo", .longText)] {
            catalog.addField(field.listed(), to: "customer")
        }
        return catalog
    }

    @Test(arguments: TestBackend.available)
    func whatAListExportsImportsBackAsTheSameRecords(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend, catalog: Self.catalog) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let parent = try #require(try await api.send(.POST, "/api/v1/customers", json: #"{"name":"母公司"}"#).body.string.firstMatch(of: /"id":(\d+)/)?.1)
            let values = [
                #""name":"2/4","phone":"0755-12345678","grade":"A","province":"=1+1","cf_count":7,"cf_rate":"3.14","cf_budget":"1234.50","cf_vip":true"#,
                #""cf_since":"2026-02-04","cf_met_at":"2026-11-24T09:30:00+08:00","cf_mail":"a@example.cn","cf_site":"https://example.cn""#,
                #""cf_level":"gold","cf_topics":["erp","crm"],"cf_parent":\#(parent),"cf_team":[1],"cf_memo":"第一行\n第二行""#,
            ].joined(separator: ",")
            let made = try await api.send(.POST, "/api/v1/customers", json: "{\(values)}")
            #expect(made.status == .created)
            let id = try #require(made.body.string.firstMatch(of: /"id":(\d+)/)?.1)
            let before = try Self.values(try await api.send(.GET, "/api/v1/customers/\(id)").body.string)
            #expect(!before.values.contains("nil") && before["cf_budget"] == "1234.50" && before["province"] == "=1+1", "\(before)")

            let export = try await api.send(.GET, "/api/v1/customers/export?format=xlsx&q=2%2F4")
            #expect(export.status == .ok)
            #expect(try await api.send(.DELETE, "/api/v1/customers/\(id)").status == .noContent)
            let started = try await api.send(.POST, "/api/v1/imports?entity=customer&file_name=export.xlsx", bytes: export.body)
            let job = try #require(started.body.string.firstMatch(of: /"id":(\d+)/)?.1)
            for field in Self.fields { #expect(started.body.string.contains(#":"\#(field)""#), "\(field) is not mapped: \(started.body.string)") }
            #expect(try await api.send(.POST, "/api/v1/imports/\(job)/run").status == .accepted)
            for _ in 0..<100 where try await api.send(.GET, "/api/v1/imports/\(job)").body.string.contains(#""status":"running""#) {
                try await Task.sleep(for: .milliseconds(50))
            }
            let listed = try await api.send(.GET, "/api/v1/customers?q=2%2F4").body.string
            let again = try #require(listed.firstMatch(of: /"id":(\d+)/)?.1)
            #expect(again != id)
            #expect(try Self.values(try await api.send(.GET, "/api/v1/customers/\(again)").body.string) == before)
        }
    }

    /// The fields of a record's JSON, as text.
    static func values(_ body: String) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let record = (object["data"] as? [String: Any]) ?? object
        return Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, "\(record[$0] ?? "nil")") })
    }
}
