import Foundation
import StrandCore
import StrandOffice
import StrandTesting
@testable import StrandWeb
import Testing
import VaporTesting

/// What an attacker sends: every refusal still carries the security headers, and none of these
/// gets further than a clear 4xx.
@Suite struct HostileInputTests {
    static let securityHeaders = ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"]

    @Test(arguments: TestBackend.available)
    func everyRefusalCarriesTheSecurityHeaders(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let browser = WebSession(app)
            var refusals = [try await browser.send(.GET, "/api/v1/customers")]  // 401
            refusals.append(try await browser.send(.POST, "/sign-in", form: ["username": "admin", "password": "x", "_csrf": "forged"]))  // 403
            _ = try await browser.signIn("admin", WebSession.adminPassword)
            refusals.append(try await browser.send(.GET, "/no-such-page"))  // 404
            refusals.append(try await browser.send(.GET, "/customers/987654"))  // 404 of a record
            refusals.append(try await browser.send(.GET, "/api/v1/customers?limit=0"))  // 400
            refusals.append(try await browser.send(.POST, "/api/v1/customers", json: #"{"name":""}"#, headers: [("X-CSRF-Token", browser.csrf ?? "")]))  // 422
            #expect(refusals.map(\.status.code) == [401, 403, 404, 404, 400, 422])
            for response in refusals {
                for header in Self.securityHeaders { #expect(response.headers.first(name: header) != nil, "\(response.status) lacks \(header)") }
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func anOversizedAddressOrHeaderBlockIsAnsweredNotDropped(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let browser = WebSession(app)
            let long = try await browser.send(.GET, "/api/v1/customers?q=" + String(repeating: "a", count: 9000))
            let cookies = try await browser.send(.GET, "/sign-in", headers: [("Cookie", "junk=" + String(repeating: "b", count: 20000))])
            #expect((long.status.code, cookies.status.code) == (414, 431))
            #expect(long.body.string.contains("uri_too_long"))
            for header in Self.securityHeaders { #expect(cookies.headers.first(name: header) != nil) }
        }
    }

    @Test(arguments: TestBackend.available)
    func fortyGuessesAtOnceAreCheckedOnlyAsOftenAsTheLockoutAllows(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await WebSession(app).send(.POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"wrong-password"}"#).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count == 5 && statuses.filter { $0 == 429 }.count == 35)
        }
    }

    @Test func signInGoesOnlyToAPlainLocalPath() {
        for hostile in ["/\t/evil.example", "/%09/evil.example", "//evil.example", "/\\evil.example", "/%5Cevil.example", "https://evil.example",
                        "/%2F/evil.example", "/\n/evil.example", "javascript:alert(1)", ""] {
            #expect(SessionController.safeNext(hostile) == "/", "\(hostile)")
        }
        for plain in ["/customers", "/customers?q=%E4%BF%A1%E6%81%AF", "/customers/12#follow-ups", "/customers?q=信息技术"] {
            #expect(SessionController.safeNext(plain) == plain)
        }
    }

    @Test func theSignInPageKeepsNoHostileNext() async throws {
        try await WebSession.withApp(.sqlite) { app in
            let browser = WebSession(app)
            let page = try await browser.send(.GET, "/sign-in?next=/%09/evil.example")
            #expect(page.body.string.contains(#"name="next" value="/""#))
            let signedIn = try await browser.send(.POST, "/sign-in", form: ["username": "admin", "password": WebSession.adminPassword, "next": "/\t/evil.example"])
            #expect(signedIn.headers.first(name: .location) == "/")
        }
    }

    @Test(arguments: TestBackend.available)
    func aChangeMustSayWhichVersionItWasMadeOn(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            #expect(try await api.send(.POST, "/api/v1/customers", json: #"{"name":"版本客户"}"#).status == .created)
            let blind = try await api.send(.PATCH, "/api/v1/customers/1", json: #"{"grade":"A"}"#)
            #expect(blind.status == .preconditionRequired && blind.body.string.contains(#""version":"#))
            #expect(try await api.send(.PATCH, "/api/v1/customers/1", json: #"{"grade":"A","version":"one"}"#).status == .badRequest)
            #expect(try await api.send(.PATCH, "/api/v1/customers/1", json: #"{"grade":"A","version":1.5}"#).status == .badRequest)
            #expect(try await api.send(.PATCH, "/api/v1/customers/1", json: #"{"grade":"A"}"#, headers: [("If-Match", "x")]).status == .badRequest)
            #expect(try await api.send(.PATCH, "/api/v1/customers/1", json: #"{"grade":"A"}"#, headers: [("If-Match", "\"1\"")]).status == .ok)
            #expect(try await api.send(.PATCH, "/api/v1/customers/1", json: #"{"grade":"B"}"#, headers: [("If-Match", "1")]).status == .conflict)
            let shown = try await api.send(.GET, "/api/v1/customers/1")
            #expect(shown.body.string.contains(#""grade":"A""#))
        }
    }

    /// Values that mean nothing are refused beside their field, in words with no `{parameter}`.
    @Test func meaninglessValuesAreRefusedBesideTheirField() async throws {
        try await WebSession.withApp(.sqlite) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let deal = try await api.send(.POST, "/api/v1/opportunities", json: #"{"name":"负数商机","amount":"-100"}"#)
            #expect(deal.status == .unprocessableEntity && deal.body.string.contains(#""amount":"不能为负数""#), "\(deal.body.string)")
            let event = try await api.send(.POST, "/api/v1/events",
                                           json: #"{"subject":"太长的日程","kind":"meeting","starts_at":"2026-12-01T09:00:00+08:00","ends_at":"2027-01-15T09:00:00+08:00"}"#)
            #expect(event.status == .unprocessableEntity && event.body.string.contains(#""ends_at":"日程最长 31 天""#), "\(event.body.string)")
        }
    }

    /// The one-time token of a page's form (its first, or the one with the id `form`).
    static func onceToken(_ session: WebSession, _ path: String, form: String? = nil) async throws -> String? {
        var page = try await session.send(.GET, path).body.string
        if let form, let start = page.range(of: #"id="\#(form)""#) { page = String(page[start.upperBound...]) }
        return page.firstMatch(of: /name="_once" value="([^"]+)"/).map { String($0.1) }
    }

    /// A create form sent twice, one after the other or both at once (a double click), makes one
    /// record; every answer goes to it.
    @Test(arguments: TestBackend.available)
    func aFormSentTwiceMakesOneRecord(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let first = WebSession(app)
            _ = try await first.signIn("admin", WebSession.adminPassword)
            let token = try #require(try await Self.onceToken(first, "/customers/new"))
            let second = WebSession(app)
            (second.cookies, second.csrf) = (first.cookies, first.csrf)
            let form = ["name": "双击客户", "_once": token]
            async let a = first.send(.POST, "/customers", form: form)
            async let b = second.send(.POST, "/customers", form: form)
            let answers = try await [a, b]
            let again = try await first.send(.POST, "/customers", form: form)
            let places = Set((answers + [again]).map { $0.headers.first(name: .location) ?? "" })
            #expect(answers.map(\.status) == [.seeOther, .seeOther] && again.status == .seeOther)
            #expect(places.count == 1 && places.first?.hasPrefix("/customers/") == true, "\(places)")
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            #expect(try await api.send(.GET, "/api/v1/customers?q=双击客户").body.string.components(separatedBy: #""name":"双击客户""#).count == 2)
            // A refused form gives its token back: corrected, it is saved.
            let fresh = try #require(try await Self.onceToken(first, "/customers/new"))
            #expect(try await first.send(.POST, "/customers", form: ["name": "", "_once": fresh]).status == .unprocessableEntity)
            #expect(try await first.send(.POST, "/customers", form: ["name": "改正后的客户", "_once": fresh]).status == .seeOther)
        }
    }

    /// Forms that are not a record's carry the token too: a note sent twice is one note.
    @Test(arguments: TestBackend.available)
    func aNoteSentTwiceIsOneNote(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let browser = WebSession(app)
            _ = try await browser.signIn("admin", WebSession.adminPassword)
            let token = try #require(try await Self.onceToken(browser, "/", form: "note-form"))
            for _ in 0..<2 {
                #expect(try await browser.send(.POST, "/notes", form: ["content": "明天给王总回电话", "_once": token]).status == .seeOther)
            }
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            #expect(try await api.send(.GET, "/api/v1/notes").body.string.components(separatedBy: "明天给王总回电话").count == 2)
        }
    }

    @Test func aListTakesOnlyALimitItCanServe() async throws {
        try await WebSession.withApp(.sqlite) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            for limit in ["0", "201", "-1", "ten", "1e3"] {
                let response = try await api.send(.GET, "/api/v1/customers?limit=\(limit)")
                #expect(response.status == .badRequest && response.body.string.contains(#""limit":"#), "limit=\(limit)")
            }
            #expect(try await api.send(.GET, "/api/v1/customers?limit=200").status == .ok)
            #expect(try await api.send(.GET, "/api/v1/customers?limit=1").status == .ok)
        }
    }

    @Test func aKnownPathAskedWithAnotherMethodAnswers405() async throws {
        try await WebSession.withApp(.sqlite) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let collection = try await api.send(.DELETE, "/api/v1/customers")
            #expect(collection.status == .methodNotAllowed)
            #expect(Set((collection.headers.first(name: .allow) ?? "").components(separatedBy: ", ")).isSuperset(of: ["GET", "POST"]))
            #expect(collection.body.string.contains(#""code":"method_not_allowed""#))
            #expect(try await api.send(.PUT, "/api/v1/customers/1").status == .methodNotAllowed)
            #expect(try await api.send(.DELETE, "/api/v1/no-such-thing").status == .notFound)
        }
    }

    @Test func forwardedAddressesAreBelievedOnlyFromTrustedProxies() throws {
        let proxies = try #require(TrustedProxies("10.0.0.0/8, 192.168.1.5, fd00::/8"))
        #expect(TrustedProxies("10.0.0.0/33") == nil && TrustedProxies("proxy.local") == nil)
        #expect(proxies.client(peer: "203.0.113.4", forwardedFor: ["198.51.100.1"]) == "203.0.113.4")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["6.6.6.6, 198.51.100.1, 192.168.1.5"]) == "198.51.100.1")
        #expect(proxies.client(peer: "fd00::1", forwardedFor: ["2001:db8::7"]) == "2001:db8::7")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["not-an-address"]) == "10.1.2.3")
        #expect(proxies.client(peer: "192.168.1.6", forwardedFor: ["198.51.100.1"]) == "192.168.1.6")
        #expect(TrustedProxies.none.client(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"]) == "127.0.0.1")
    }

    /// Workbooks that inflate to far more than they weigh, or hold more rows than an import
    /// takes, are refused with a reason beside the file, before they are in memory.
    @Test func workbooksThatInflateTooFarAreRefused() async throws {
        // Varied enough to compress as real sheets do; the blank one as a zip bomb does.
        let rows = (1...210_000).map { "<row><c t=\"inlineStr\"><is><t>\($0 &* 2_654_435_761 % 1_000_003)</t></is></c></row>" }.joined()
        let blank = String(repeating: " ", count: 40 << 20)
        try await WebSession.withApp(.sqlite) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            for (sheet, message) in [(rows, "一次最多导入 200,000 行"), (blank, "文件解压后过大")] {
                let book = try Self.workbook(sheetData: sheet)
                #expect(book.count < 2 << 20)
                let response = try await api.send(.POST, "/api/v1/imports?entity=customer&file_name=bomb.xlsx", bytes: ByteBuffer(data: book))
                #expect(response.status == .unprocessableEntity && response.body.string.contains(message), "\(response.body.string.prefix(300))")
            }
        }
    }

    static func workbook(sheetData: String) throws -> Data {
        let parts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + sheetData + "</sheetData></worksheet>"),
        ]
        return try OfficePackage(parts: parts.map { ($0.0, Data($0.1.utf8)) }).written()
    }
}
