import StrandCore
import StrandStore
import Vapor

/// `GET /api/v1/competitors/:id/head_to_head`: the deals a competitor was met on, by how they
/// ended, as the competitor's page shows them.
enum ApiHeadToHead {
    static func show(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let strand = request.strand
        let competitors = try await ApiRecordsController.entity(request, "competitors")
        let id = try ApiRecordsController.id(request)
        guard try await strand.database.find(competitors, id: id, scope: identity.actor.filter(.view, on: competitors.key)) != nil else {
            throw RecordError.notFound
        }
        let counts = try await strand.database.headToHead(competitorId: id, catalog: strand.catalog,
                                                          scope: identity.actor.filter(.view, on: EntityKey.opportunity))
        return .json(.object(Dictionary(uniqueKeysWithValues: SalesStage.Outcome.allCases.map { ($0.rawValue, JSON.number(String(counts[$0.rawValue] ?? 0))) })))
    }
}
