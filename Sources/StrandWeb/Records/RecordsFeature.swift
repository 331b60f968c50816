import StrandCore
import StrandStore
import Vapor

/// Every entity's list, form and page, search, pickers, files, notes, follows, sharing with
/// collaborators, the review of new records and the customer hub.
struct RecordsFeature: Feature {
    func register(_ routes: FeatureRoutes) {
        routes.pages.get("search", use: SearchController.page)
        routes.pages.get("search", "live", use: SearchController.live)
        routes.api.get("search", use: SearchController.api)
        PickController.register(routes.pages)
        RecordRoutes.register(routes.pages, catalog: routes.catalog)
        ApiRecordsController.register(routes.api, catalog: routes.catalog)
        FilesController.register(pages: routes.pages, api: routes.api)
        ReviewController.register(pages: routes.pages, api: routes.api, catalog: routes.catalog)
        FollowsController.register(pages: routes.pages, api: routes.api, catalog: routes.catalog)
        NotesController.register(pages: routes.pages, api: routes.api, catalog: routes.catalog)
    }

    var strings: [FeatureStrings] { [FeatureStrings(simplified: Catalog.zhHansHub, english: Catalog.enHub)] }

    func detail(_ page: inout DetailPage.Model, _ context: DetailContext) async throws {
        let request = context.request, entity = page.entity, record = page.record
        if entity.hub != nil {
            async let figures = HubFigures.make(request, entity: entity, record: record)
            page.timeline = try await Timeline.make(request, entity: entity, record: record, related: page.related,
                                                    notes: page.notes, history: page.history)
            page.hubFigures = try await figures
        }
        if entity.ownership == .owned, context.actor.can(.view, on: entity.key) { try await self.addShares(to: &page, context) }
        page.canReview = entity.reviewed && record["review"] == .text(ReviewState.pending.rawValue) && context.allows(.assign, page)
    }

    func sections(_ context: PageContext, _ page: DetailPage.Model, at place: DetailPage.Place) -> [Node] {
        switch place {
        case .top:
            guard case .text(let review) = page.record["review"], !review.isEmpty else { return [] }
            return [ReviewSection.render(context, page, state: review)]
        case .afterRelated:
            return !page.shares.isEmpty || page.canShare ? [SharesSection.render(context, page)] : []
        case .afterDetails:
            return []
        }
    }

    /// Who the record is shared with, and whom its owner's side may share it with.
    func addShares(to page: inout DetailPage.Model, _ context: DetailContext) async throws {
        let database = context.request.strand.database
        page.shares = try await database.shares(page.entity, recordId: page.record.id)
        page.canShare = context.allows(.edit, page)
        if !page.shares.isEmpty || page.canShare { page.people = try await context.request.directoryNames().users }
        guard page.canShare else { return }
        let taken = Set(page.shares.map(\.userId) + [page.record.ownerId].compactMap { $0 })
        page.shareCandidates = try await database.read { try await Directory.users(db: $0) }
            .filter { $0.active && !taken.contains($0.id) }.map { FieldDefinition.Option(value: String($0.id), label: $0.name) }
    }
}
