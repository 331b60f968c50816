import StrandCore
import Vapor

/// Administration: people, departments, roles, sign-in locks, the audit log, the recycle bin,
/// mail and the company's settings. The other features add their own settings pages.
struct AdminFeature: Feature {
    func register(_ routes: FeatureRoutes) {
        AdminRoutes.register(routes.admin)
        ApiDirectoryController.register(routes.api)
    }

    var menu: [MenuItem] {
        [
            ("/admin/users", "nav.users"), ("/admin/departments", "nav.departments"), ("/admin/roles", "nav.roles"),
            ("/admin/sign-in-locks", "locks.title"), ("/admin/audit", "nav.audit"), ("/admin/recycle", "nav.recycle"),
            ("/admin/mail", "mail.title"), ("/admin/settings", "nav.settings"),
        ].map { path, label in MenuItem.administering(path, label) }
    }
}

extension MenuItem {
    /// An administrator's page in the system menu, after the entry at `after` (else in order).
    static func administering(_ path: String, _ label: String, after: String? = nil) -> MenuItem {
        MenuItem(path: path, label: label, area: .system, after: after, shown: { $0.isAdmin })
    }
}
