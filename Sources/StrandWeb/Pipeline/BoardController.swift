import StrandCore
import StrandStore
import Vapor

/// The opportunities of the viewer's scope in one pipeline as a kanban board: a column per
/// stage with its count and amount, the most recently changed cards in each. Filters come from
/// the query string as on the list page (`filter[pipeline]`, `filter[owner_id]`, `q`, ...).
enum BoardController {
    static let cardsPerColumn = 30

    static func show(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let entity = try await ApiRecordsController.entity(request, "opportunities")
        guard identity.actor.can(.view, on: entity.key) else { throw RecordError.forbidden }
        let pipeline = try await self.pipeline(request)
        let database = request.strand.database
        let scope = identity.actor.filter(.view, on: entity.key)
        var base = try ListRequest.query(request, entity: entity, timeZone: identity.timeZone)
        base.filters.removeAll { $0.column == "stage" }
        self.keep(&base, to: pipeline)
        (base.cursor, base.limit, base.sort) = (nil, self.cardsPerColumn, ListQuery.Sort(column: "updated_at", descending: true))
        let totals = try await database.totals(entity, by: "stage", summing: "amount", query: base, scope: scope)
        var columns: [BoardPage.Column] = []
        for stage in pipeline.stages {
            let total = totals.first { $0.value == stage.key }
            var query = base
            query.filters.append(ListQuery.Filter(column: "stage", operation: .equals([.text(stage.key)])))
            // An empty column needs no search for cards, which could read a long index for nothing.
            let cards = total == nil ? [] : try await database.list(entity, query: query, scope: scope).records
            columns.append(BoardPage.Column(stage: stage, cards: cards, count: total?.count ?? 0, amount: total?.sum ?? 0))
        }
        let lookups = try await Lookups.load(for: columns.flatMap(\.cards), entity: entity, request: request)
        let model = BoardPage.Model(entity: entity, pipeline: pipeline, pipelines: try await request.salesSetup().pipelines,
                                    columns: columns, lookups: lookups,
                                    filters: ListRequest.items(request).filter { $0.0 != "cursor" },
                                    canEdit: identity.actor.can(.edit, on: entity.key))
        return BoardPage.render(PageContext(request), model)
    }

    /// The query limited to `pipeline`, whatever pipeline filter it came with.
    static func keep(_ query: inout ListQuery, to pipeline: Pipeline) {
        query.filters.removeAll { $0.column == "pipeline" }
        query.filters.append(ListQuery.Filter(column: "pipeline", operation: .equals([.text(pipeline.key)])))
    }

    /// The pipeline `filter[pipeline]` names, else the first one.
    static func pipeline(_ request: Request) async throws -> Pipeline {
        let setup = try await request.salesSetup()
        let named = ListRequest.items(request).first { $0.0 == "filter[pipeline]" }?.1 ?? ""
        return setup.pipeline(named) ?? setup.defaultPipeline
    }
}
