import Foundation
import Testing
import Vapor
@testable import StrandWeb

/// The one list of features assembles the server: every menu entry is a page the server
/// answers, entries land after what they name, and no two jobs share a name.
@Suite struct FeatureSeamTests {
    @Test func everyMenuEntryIsARegisteredPage() async throws {
        try await WebSession.withApp(.sqlite) { app in
            let pages = Set(app.routes.all.filter { $0.method == .GET }.map { "/" + $0.path.map(\.description).joined(separator: "/") })
            let missing = Menu.items.map(\.path).filter { !pages.contains($0) }
            #expect(missing.isEmpty, "menu entries without a page: \(missing)")
        }
    }

    @Test func anAdministratorSeesEachSettingsPageAfterWhatItFollows() async throws {
        try await WebSession.withApp(.sqlite) { app in
            let session = WebSession(app)
            _ = try await session.signIn("admin", WebSession.adminPassword)
            let body = try await session.send(.GET, "/").body.string
            // The navigation only: the header links to the account too.
            let page = String(body[(body.range(of: "class=\"sidebar\"")?.lowerBound ?? body.startIndex)...])
            let order = ["/imports", "/account", "/admin/users", "/admin/departments", "/admin/roles", "/admin/pools",
                         "/admin/territories", "/admin/pipelines", "/admin/commerce", "/admin/sign-in-locks", "/admin/audit",
                         "/admin/recycle", "/admin/mail", "/admin/settings"]
            let places = order.map { page.range(of: "href=\"\($0)\"")?.lowerBound }
            #expect(places.allSatisfy { $0 != nil }, "\(zip(order, places).filter { $0.1 == nil }.map(\.0))")
            let found = places.compactMap { $0 }
            #expect(found == found.sorted(), "the system menu is out of order")
        }
    }

    @Test func eachJobHasAName() {
        let names = Features.all.flatMap(\.jobs).map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.contains("reminders") && names.contains("mail") && names.contains("pool return"))
    }
}
