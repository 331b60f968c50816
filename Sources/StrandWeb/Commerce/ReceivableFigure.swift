import StrandCore
import StrandStore
import Vapor

/// What a hub's record still owes on its contracts' payment plans, and how much of it is overdue.
enum ReceivableFigure {
    static let entity = EntityDefinition.instalment.key
    static let unsettled = ["open", "partial"]

    static func figures(_ request: Request, _ hub: EntityDefinition, _ record: Record) async throws -> [HubFigure] {
        let actor = try request.requireIdentity().actor
        guard let instalments = request.strand.catalog.entity(self.entity), actor.can(.view, on: instalments.key),
              var query = HubFigures.pointing(instalments, at: hub, record)?.query else { return [] }
        query.filters.append(ListQuery.Filter(column: "status", operation: .equals(self.unsettled.map(FieldValue.text))))
        let owed = try await self.owed(instalments, query: query, request: request)
        guard owed > 0 else { return [] }
        let today = DateTimeText.day(Clock.millis(), timeZone: request.timeZone)
        query.filters.append(ListQuery.Filter(column: "due_date", operation: .between(nil, .text(today.adding(days: -1).description))))
        let overdue = try await self.owed(instalments, query: query, request: request)
        let s = request.strings
        let value = overdue > 0 ? s("hub.owed_overdue", ["amount": Money.full(owed), "overdue": Money.full(overdue)]) : Money.full(owed)
        return [HubFigure(label: s("hub.owed"), value: value, path: "/receivables", warning: overdue > 0)]
    }

    /// The amount still open on the instalments `query` selects.
    static func owed(_ instalments: EntityDefinition, query: ListQuery, request: Request) async throws -> Int64 {
        let scope = try request.requireIdentity().actor.filter(.view, on: instalments.key)
        let database = request.strand.database
        async let amounts = database.totals(instalments, by: "status", summing: "amount", query: query, scope: scope)
        async let received = database.totals(instalments, by: "status", summing: "received", query: query, scope: scope)
        return try await amounts.reduce(0) { $0 + $1.sum } - received.reduce(0) { $0 + $1.sum }
    }
}
