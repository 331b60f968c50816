import StrandStore
import Vapor

enum Routes {
    /// The routes every server has, then each feature's.
    static func register(_ app: Application) throws {
        app.get("healthz") { request async throws -> Response in
            _ = try await request.strand.database.read { try await $0.raw("SELECT 1 AS ok").first() }
            return Response(status: .ok, body: "ok")
        }
        app.get("assets", ":file", use: Assets.serve)
        let api = app.grouped("api", "v1")
        api.get("openapi.json") { Response.json(OpenAPIDocument.make(try await $0.resolvedCatalog())) }
        let routes = FeatureRoutes(open: app, openAPI: api, pages: app.grouped(RequireIdentity()),
                                   api: api.grouped(RequireIdentity()), catalog: app.strand.catalog)
        for feature in Features.all { feature.register(routes) }
    }
}

/// Routes behind this need someone signed in: the API answers 401, pages go to sign-in.
struct RequireIdentity: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.requireIdentity()
        return try await next.respond(to: request)
    }
}
