import StrandCore
import Vapor

/// Signing in and out, API tokens, and each person's own account: password, language, time
/// zone, notices and calendar feed.
struct AccountFeature: Feature {
    func register(_ routes: FeatureRoutes) {
        routes.open.get("sign-in", use: SessionController.show)
        routes.open.post("sign-in", use: SessionController.signIn)
        routes.open.post("sign-out", use: SessionController.signOut)
        routes.openAPI.post("auth", "token", use: ApiAuthController.token)
        AccountController.register(routes.pages.grouped("account"))
    }

    var menu: [MenuItem] {
        [MenuItem(path: "/account", label: "nav.account", area: .system, shown: { $0.identity != nil })]
    }
}
