import Foundation
import StrandCore
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

/// A person at a browser, for route tests: keeps cookies between requests and sends back the
/// CSRF token of the last page, as a browser submitting its forms would.
final class WebSession: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?
    var bearer: String?

    init(_ app: Application) { self.app = app }

    static let adminPassword = "admin-password-for-tests"

    /// A server on a fresh database of `backend`, with bcrypt made cheap for speed.
    static func withApp<T>(_ backend: TestBackend, catalog: EntityCatalog = EntityCatalog(), dataDirectory: String? = nil,
                           _ body: (Application) async throws -> T) async throws -> T {
        var config = StrandConfig(environment: [:])
        if let dataDirectory { config.dataDirectory = dataDirectory }
        config.adminPassword = self.adminPassword
        config.bcryptCost = 4
        config.catalog = catalog
        switch backend {
        case .sqlite: config.inMemory = true
        case .postgres:
            let (url, schema) = try await TestDatabase.freshPostgresSchema()
            (config.databaseURL, config.databaseSchema) = (url, schema)
        }
        return try await VaporTesting.withApp(configure: { try await configure($0, config: config) }, body)
    }

    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil, json: String? = nil, body: String? = nil,
              bytes: ByteBuffer? = nil, headers extra: [(String, String)] = []) async throws -> TestingHTTPResponse {
        let response = try await self.app.testing().sendRequest(method, path) { request in
            if !self.cookies.isEmpty {
                request.headers.replaceOrAdd(name: .cookie, value: self.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            }
            if let bearer = self.bearer { request.headers.bearerAuthorization = BearerAuthorization(token: bearer) }
            if var form {
                if form["_csrf"] == nil, let csrf = self.csrf { form["_csrf"] = csrf }
                try request.content.encode(form, as: .urlEncodedForm)
            }
            if let json {
                request.headers.contentType = .json
                request.body = ByteBuffer(string: json)
            }
            if let body { request.body = ByteBuffer(string: body) }
            if let bytes { request.body = bytes }
            for (name, value) in extra { request.headers.replaceOrAdd(name: HTTPHeaders.Name(name), value: value) }
        }
        for cookie in response.headers[.setCookie] {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if pair.count == 2 { self.cookies[pair[0]] = pair[1].isEmpty ? nil : pair[1] }
        }
        if let token = Self.csrfToken(in: response.body.string) { self.csrf = token }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    func signIn(_ username: String, _ password: String) async throws -> TestingHTTPResponse {
        try await self.send(.GET, "/sign-in")
        return try await self.send(.POST, "/sign-in", form: ["username": username, "password": password])
    }

    /// A department made through the API by this (administrator's) session, with people in it,
    /// each with the password `Secret-<username>-2026`; returns the department's id.
    func department(_ name: String, people: [(username: String, role: String)]) async throws -> String {
        let department = try await self.send(.POST, "/api/v1/departments", json: #"{"name":"\#(name)"}"#)
        let id = try #require(department.body.string.firstMatch(of: /"id":(\d+)/)?.1)
        for (username, role) in people {
            let made = try await self.send(.POST, "/api/v1/users", json: """
                {"username":"\(username)","password":"Secret-\(username)-2026","name":"\(username)","department_id":\(id),"roles":["\(role)"]}
                """)
            #expect(made.status == .created)
        }
        return String(id)
    }

    /// A bearer token for the API.
    func token(_ username: String, _ password: String) async throws -> String {
        self.bearer = nil
        let response = try await self.send(.POST, "/api/v1/auth/token", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        let object = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any]
        return object?["token"] as? String ?? ""
    }
}
