import Foundation
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

@Suite struct SignInRouteTests {
    @Test(arguments: TestBackend.available)
    func signInSetsASafeNewSessionAndSignOutEndsIt(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let browser = WebSession(app)
            browser.cookies["strand_session"] = "planted-by-an-attacker"
            let response = try await browser.signIn("admin", WebSession.adminPassword)
            #expect(response.status == .seeOther)
            let cookie = response.headers[.setCookie].first { $0.hasPrefix("strand_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(browser.cookies["strand_session"] != "planted-by-an-attacker")
            let home = try await browser.send(.GET, "/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("管理员"))
            try await browser.send(.POST, "/sign-out", form: [:])
            let after = try await browser.send(.GET, "/customers")
            #expect(after.status == .seeOther)
        }
    }

    @Test(arguments: TestBackend.available)
    func formsWithoutTheCSRFTokenAreRefused(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let browser = WebSession(app)
            let bare = try await browser.send(.POST, "/sign-in", form: ["username": "admin", "password": WebSession.adminPassword, "_csrf": "wrong"])
            #expect(bare.status == .forbidden)
            _ = try await browser.signIn("admin", WebSession.adminPassword)
            let forged = try await browser.send(.POST, "/customers", form: ["name": "伪造", "_csrf": "forged"])
            #expect(forged.status == .forbidden)
            let api = try await browser.send(.GET, "/api/v1/customers?q=伪造")
            #expect(!api.body.string.contains("伪造\""))
        }
    }

    @Test(arguments: TestBackend.available)
    func fiveFailuresLockTheAccountOnEveryPath(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let browser = WebSession(app)
            for _ in 0..<5 {
                let wrong = try await browser.signIn("admin", "not-the-password")
                #expect(wrong.status == .unauthorized)
            }
            let locked = try await browser.signIn("admin", WebSession.adminPassword)
            #expect(locked.status == .tooManyRequests)
            let api = try await browser.send(.POST, "/api/v1/auth/token", json: #"{"username":"admin","password":"\#(WebSession.adminPassword)"}"#)
            #expect(api.status == .tooManyRequests)
            #expect(api.body.string.contains(#""code":"rate_limited""#))
        }
    }

    @Test func passwordsOver72BytesAreRefusedNotTruncated() async throws {
        try await WebSession.withApp(.sqlite) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let long = String(repeating: "密", count: 25)
            let response = try await api.send(.POST, "/api/v1/users", json: #"{"username":"longpw","name":"长密码","password":"\#(long)","roles":["sales_rep"]}"#)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains(#""password":"#))
        }
    }
}
