import StrandCore
import StrandStore
import Vapor

/// The workbench (我的桌面, F10), the home page: unread notifications, today's schedule, tasks
/// overdue and due, the call-backs promised for today, what waits for the reader's approval or
/// review, their own figures for the week and month, sticky notes, and recently updated customers.
enum WorkbenchController {
    static func show(_ request: Request, noteError: (FieldError?, String)? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let identity = try request.requireIdentity()
        let strand = request.strand
        let actor = identity.actor
        let today = DateTimeText.day(Clock.millis(), timeZone: identity.timeZone)
        var model = WorkbenchPage.Model()
        model.bench = try await strand.database.workbench(userId: identity.user.id, today: today, timeZone: identity.timeZone, catalog: strand.catalog)
        if actor.can(.view, on: EntityKey.event) {
            model.schedule = try await strand.database.calendar(owners: [identity.user.id], from: today.start(in: identity.timeZone),
                                                                to: today.adding(days: 1).start(in: identity.timeZone), reader: identity.user.id,
                                                                scope: actor.filter(.view, on: EntityKey.event))
        }
        if let followUps = strand.catalog.entity(EntityKey.followUp) {
            model.callBackLookups = try await Lookups.load(for: model.bench.callBacks, entity: followUps, request: request)
        }
        (model.notices, model.notes) = try await strand.database.read { db in
            (try await Notices.unread(userId: identity.user.id, db: db), try await Notes.sticky(userId: identity.user.id, db: db))
        }
        model.noteError = noteError
        model.waiting = try await self.waitingForReview(request, strand.catalog.entity(EntityKey.customer)!)
        model.approvals = try await strand.database.read { try await ApprovalQueue.items(for: actor, limit: 21, db: $0) }
        model.approvalTitles = try await self.titles(of: model.approvals, request: request)
        let customers = strand.catalog.entity(EntityKey.customer)!
        var recent = ListQuery()
        recent.limit = 10
        model.recent = try await strand.database.list(customers, query: recent, scope: actor.filter(.view, on: EntityKey.customer)).records
        model.recentLookups = try await Lookups.load(for: model.recent, entity: customers, request: request)
        return WorkbenchPage.render(PageContext(request), model, status: status)
    }

    /// The titles of the records approvals wait on, one query per entity; the approver reads
    /// them whatever their scope.
    static func titles(of items: [ApprovalQueue.Item], request: Request) async throws -> [Int64: String] {
        var titles: [Int64: String] = [:]
        for (key, group) in Dictionary(grouping: items, by: \.entity) {
            guard let entity = request.strand.catalog.entity(key) else { continue }
            let records = try await request.strand.database.find(entity, ids: group.map(\.recordId), scope: ScopeFilter(.everything))
            let byId = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
            for item in group {
                guard let record = byId[item.recordId] else { continue }
                let number = record["number"].textValue.map { $0 + " " } ?? ""
                titles[item.approvalId] = number + record.title(entity)
            }
        }
        return titles
    }

    /// New customers the reader may approve or reject.
    static func waitingForReview(_ request: Request, _ customers: EntityDefinition) async throws -> [Record] {
        let actor = try request.requireIdentity().actor
        guard actor.can(.assign, on: customers.key) else { return [] }
        var query = ListQuery()
        query.filters = [ListQuery.Filter(column: "review", operation: .equals([.text(ReviewState.pending.rawValue)]))]
        query.limit = 21
        return try await request.strand.database.list(customers, query: query, scope: actor.filter(.assign, on: customers.key)).records
    }
}
