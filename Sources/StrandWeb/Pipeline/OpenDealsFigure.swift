import StrandCore
import StrandStore
import Vapor

/// A hub's open deals: how many, and what they are worth.
enum OpenDealsFigure {
    static let entity = EntityDefinition.opportunity.key

    static func figures(_ request: Request, _ hub: EntityDefinition, _ record: Record) async throws -> [HubFigure] {
        let actor = try request.requireIdentity().actor
        guard let deals = request.strand.catalog.entity(self.entity), actor.can(.view, on: deals.key),
              let (link, query) = HubFigures.pointing(deals, at: hub, record) else { return [] }
        let totals = try await request.strand.database.totals(deals, by: "status", summing: "amount", query: query,
                                                              scope: actor.filter(.view, on: deals.key))
        let open = totals.first { $0.value == SalesStage.Outcome.open.rawValue }
        let s = request.strings
        let value = s("hub.deals_value", ["count": String(open?.count ?? 0), "amount": Money.full(open?.sum ?? 0)])
        return [HubFigure(label: s("hub.open_deals"), value: value,
                          path: "/\(deals.resource)?filter[\(link)]=\(record.id)&filter[status]=\(SalesStage.Outcome.open.rawValue)")]
    }
}
