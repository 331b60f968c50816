import StrandCore
import StrandStore
import Vapor

/// Customer care (A8): the birthdays and anniversaries of the reader's contacts coming round
/// in the next 30 days, and for 春节 and 中秋 the list of primary contacts to greet.
enum CareController {
    static let days = 30
    static let greetingLimit = 200

    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.get("care", use: self.page)
        api.get("care", use: self.api)
    }

    struct Model {
        let upcoming: [(kind: String, day: CalendarDay, contact: Record)]
        let festivals: [(festival: LunarDate.Festival, day: CalendarDay)]
        let greetings: [Record]
        let lookups: Lookups
    }

    static func model(_ request: Request) async throws -> Model {
        let identity = try request.requireIdentity()
        guard identity.actor.can(.view, on: EntityKey.contact), let contacts = request.strand.catalog.entity(EntityKey.contact) else { throw RecordError.forbidden }
        let today = DateTimeText.day(Clock.millis(), timeZone: identity.timeZone)
        let scope = identity.actor.filter(.view, on: EntityKey.contact)
        let upcoming = try await request.strand.database.read { db in
            try await CareJob.upcoming(contacts, scope: scope, from: today, to: today.adding(days: self.days), db: db)
        }
        let greetings = try await request.strand.database.list(contacts, query: self.primaryContacts, scope: scope).records
        let festivals = LunarDate.Festival.allCases.compactMap { festival in festival.next(onOrAfter: today).map { (festival, $0) } }
            .sorted { $0.1 < $1.1 }
        let lookups = try await Lookups.load(for: upcoming.map(\.contact) + greetings, entity: contacts, request: request)
        return Model(upcoming: upcoming, festivals: festivals, greetings: greetings, lookups: lookups)
    }

    static var primaryContacts: ListQuery {
        var query = ListQuery()
        query.filters = [ListQuery.Filter(column: "is_primary", operation: .equals([.bool(true)]))]
        query.limit = self.greetingLimit
        return query
    }

    static func page(_ request: Request) async throws -> Response {
        CarePage.render(PageContext(request), try await self.model(request))
    }

    static func api(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let model = try await self.model(request)
        let contacts = request.strand.catalog.entity(EntityKey.contact)!
        return .json(.object([
            "upcoming": .array(model.upcoming.map { item in
                .object(["kind": .string(item.kind), "day": .string(item.day.description), "contact": item.contact.json(contacts, actor: identity.actor)])
            }),
            "festivals": .array(model.festivals.map { .object(["festival": .string($0.festival.rawValue), "day": .string($0.day.description)]) }),
            "greetings": .array(model.greetings.map { $0.json(contacts, actor: identity.actor) }),
        ]))
    }
}
