import StrandStore
import Vapor

enum Routes {
    static func register(_ app: Application) throws {
        app.get("healthz") { request async throws -> Response in
            _ = try await request.strand.database.read { try await $0.raw("SELECT 1 AS ok").first() }
            return Response(status: .ok, body: "ok")
        }
        app.get("assets", ":file", use: Assets.serve)
        app.get("sign-in", use: SessionController.show)
        app.post("sign-in", use: SessionController.signIn)
        app.post("sign-out", use: SessionController.signOut)

        let api = app.grouped("api", "v1")
        api.post("auth", "token", use: ApiAuthController.token)
        api.get("openapi.json") { Response.json(OpenAPIDocument.make(try await $0.resolvedCatalog())) }
        let signedIn = api.grouped(RequireIdentity())
        ApiRecordsController.register(signedIn, catalog: app.strand.catalog)
        ApiDirectoryController.register(signedIn)
        ApiSalesController.register(signedIn)
        ApiImportsController.register(signedIn)
        signedIn.get("search", use: SearchController.api)
        signedIn.get("competitors", ":id", "head_to_head", use: ApiHeadToHead.show)

        let pages = app.grouped(RequireIdentity())
        PageRoutes.register(pages, catalog: app.strand.catalog)
        FilesController.register(pages: pages, api: signedIn)
        TargetsController.register(pages: pages, api: signedIn)
        ReviewController.register(pages: pages, api: signedIn, catalog: app.strand.catalog)
        DocumentsController.register(pages: pages, api: signedIn, catalog: app.strand.catalog)
        AdminCommerce.register(pages: pages.grouped("admin"), api: signedIn)
        PlanSection.register(pages: pages, api: signedIn)
        ReceivablesController.register(pages: pages, api: signedIn)
        CalendarController.register(pages: pages, api: signedIn)
        WordExport.register(pages: pages, api: signedIn, catalog: app.strand.catalog)
        CommissionsController.register(pages: pages, api: signedIn)
        NotificationsController.register(pages: pages, api: signedIn)
        FollowsController.register(pages: pages, api: signedIn, catalog: app.strand.catalog)
        CalendarFeedController.register(public: app, account: pages.grouped("account"))
        InvitationSection.register(pages: pages, api: signedIn)
        NotesController.register(pages: pages, api: signedIn, catalog: app.strand.catalog)
        ReportsController.register(pages: pages, api: signedIn)
        CareController.register(pages: pages, api: signedIn)
    }
}

/// Routes behind this need someone signed in: the API answers 401, pages go to sign-in.
struct RequireIdentity: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.requireIdentity()
        return try await next.respond(to: request)
    }
}
