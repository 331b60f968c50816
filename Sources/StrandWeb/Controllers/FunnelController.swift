import StrandCore
import StrandStore
import Vapor

/// `/opportunities/funnel`: the funnel by stage and the forecast by month, over the
/// opportunities the viewer may see, filtered like the list (`filter[owner_id]`,
/// `filter[department_id]`, ...).
enum FunnelController {
    static func show(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        guard let entity = request.strand.catalog.entity("opportunity"), identity.actor.can(.view, on: entity.key) else {
            throw RecordError.forbidden
        }
        let scope = identity.actor.filter(.view, on: entity.key)
        var query = try ListRequest.query(request, entity: entity, timeZone: identity.timeZone)
        query.cursor = nil
        let database = request.strand.database
        let stages = try await database.totals(entity, by: "stage", summing: "amount", query: query, scope: scope)
        let months = try await database.forecast(entity, query: query, scope: scope)
        let names = try await request.directoryNames()
        let model = FunnelPage.Model(stages: stages, months: months, filters: ListRequest.items(request),
                                     users: names.users, departments: names.departments)
        return FunnelPage.render(PageContext(request), model)
    }
}
