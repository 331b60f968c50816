import Foundation
import Testing
import Vapor
@testable import StrandWeb

/// Every `/api/v1` route the server answers is in the OpenAPI document, with each method.
@Suite struct OpenAPICoverageTests {
    @Test func everyApiRouteIsDocumented() async throws {
        try await WebSession.withApp(.sqlite) { app in
            let api = WebSession(app)
            api.bearer = try await api.token("admin", WebSession.adminPassword)
            let body = try await api.send(.GET, "/api/v1/openapi.json").body.string
            let paths = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["paths"] as? [String: [String: Any]] ?? [:]
            // A documented path as segments, each parameter a wildcard.
            let documented = paths.flatMap { path, operations in
                operations.keys.filter { $0 != "parameters" }.map { method in
                    (method.uppercased(), path.split(separator: "/").map { $0.hasPrefix("{") ? "*" : String($0) })
                }
            }
            var missing: [String] = []
            for route in app.routes.all where route.path.prefix(2).map(\.description) == ["api", "v1"] {
                let segments = route.path.map { component -> String in
                    if case .constant(let text) = component { return text } else { return "*" }
                }
                // A route's parameter (`:resource`) stands for any documented segment there.
                let found = documented.contains { method, path in
                    method == route.method.rawValue && path.count == segments.count
                        && zip(segments, path).allSatisfy { mine, theirs in mine == "*" || mine == theirs }
                }
                if !found { missing.append("\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")) }
            }
            #expect(missing.isEmpty, "not in the OpenAPI document: \(missing.sorted().joined(separator: "\n"))")
        }
    }
}
