import StrandCore
import StrandStore
import Vapor

/// `/opportunities/funnel`: the funnel by stage of one pipeline, the win rate and cycle length,
/// and the forecast by month or quarter for the company, each department or each person, over
/// the opportunities the viewer may see, filtered like the list (`filter[owner_id]`,
/// `filter[department_id]`, ...).
enum FunnelController {
    static func show(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let entity = try await ApiRecordsController.entity(request, "opportunities")
        guard identity.actor.can(.view, on: entity.key) else { throw RecordError.forbidden }
        let pipeline = try await BoardController.pipeline(request)
        let scope = identity.actor.filter(.view, on: entity.key)
        var query = try ListRequest.query(request, entity: entity, timeZone: identity.timeZone)
        query.cursor = nil
        BoardController.keep(&query, to: pipeline)
        let items = ListRequest.items(request)
        let period = items.first { $0.0 == "period" }.flatMap { ForecastPeriod(rawValue: $0.1) } ?? .month
        let group = items.first { $0.0 == "by" }.flatMap { ForecastGroup(rawValue: $0.1) } ?? .company
        let database = request.strand.database
        let names = try await request.directoryNames()
        let model = FunnelPage.Model(
            entity: entity, pipeline: pipeline, pipelines: try await request.salesSetup().pipelines,
            stages: try await database.totals(entity, by: "stage", summing: "amount", query: query, scope: scope),
            closed: try await database.closedDeals(entity, query: query, scope: scope),
            forecast: try await database.forecast(entity, query: query, scope: scope, period: period, by: group),
            period: period, group: group, filters: items, users: names.users, departments: names.departments)
        return FunnelPage.render(PageContext(request), model)
    }
}
