import StrandCore
import StrandStore
import Vapor

/// Administration pages, registered behind `RequireAdmin`.
enum AdminRoutes {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("users", use: AdminUsers.list)
        routes.post("users", use: AdminUsers.create)
        routes.get("users", ":id", use: AdminUsers.edit)
        routes.post("users", ":id", use: AdminUsers.update)
        routes.get("users", ":id", "handover", use: AdminHandover.show)
        routes.post("users", ":id", "handover", use: AdminHandover.run)
        routes.get("departments", use: AdminDepartments.show)
        routes.post("departments", use: AdminDepartments.create)
        routes.post("departments", ":id", use: AdminDepartments.update)
        routes.post("departments", ":id", "delete", use: AdminDepartments.delete)
        routes.get("roles", use: AdminRoles.list)
        routes.post("roles", use: AdminRoles.save)
        routes.get("audit", use: AdminAudit.show)
        routes.get("recycle", use: AdminRecycle.show)
        routes.post("recycle", ":entity", ":id", use: AdminRecycle.restore)
        routes.get("settings", use: AdminSettings.show)
        routes.post("settings", use: AdminSettings.save)
        AdminMail.register(routes)
        AdminSignInLocks.register(routes)
    }
}

struct RequireAdmin: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try request.requireIdentity().actor.isAdmin else { throw RecordError.notFound }
        return try await next.respond(to: request)
    }
}
