import StrandCore
import StrandStore
import Vapor

/// Leads and their conversion, the opportunities' board and funnel, competitors, sales
/// targets and the pipelines' stages.
struct PipelineFeature: Feature {
    func register(_ routes: FeatureRoutes) {
        routes.pages.get("opportunities", "board", use: BoardController.show)
        routes.pages.get("opportunities", "funnel", use: FunnelController.show)
        ConvertLeadController.register(routes.pages)
        TargetsController.register(pages: routes.pages, api: routes.api)
        AdminPipelinesController.register(routes.admin)
        routes.api.get("competitors", ":id", "head_to_head", use: ApiHeadToHead.show)
    }

    var menu: [MenuItem] {
        let deals = MenuItem.seeing(EntityKey.opportunity)
        return [
            MenuItem(path: "/opportunities/board", label: "nav.board", area: .sales, after: "opportunities", shown: deals),
            MenuItem(path: "/targets", label: "nav.targets", area: .sales, after: "opportunities", shown: deals),
            MenuItem(path: "/opportunities/funnel", label: "nav.funnel", area: .reports, shown: deals),
            MenuItem.administering("/admin/pipelines", "admin.pipelines", after: "admin/pools"),
        ]
    }

    var strings: [FeatureStrings] {
        [FeatureStrings(simplified: Catalog.zhHansPipeline, english: Catalog.enPipeline),
         FeatureStrings(simplified: Catalog.zhHansSales, english: Catalog.enSales)]
    }

    func sections(_ context: PageContext, _ page: DetailPage.Model, at place: DetailPage.Place) -> [Node] {
        guard place == .afterRelated, let counts = page.headToHead else { return [] }
        return [HeadToHeadSection.render(context, counts)]
    }

    func detail(_ page: inout DetailPage.Model, _ context: DetailContext) async throws {
        let record = page.record
        switch page.entity.key {
        case EntityKey.lead:
            // Converting makes records in the lead owner's name, so a collaborator may not.
            if context.allows(.edit, page), record["status"] != .text("converted") {
                page.actions.append(("lead.convert", "/leads/\(record.id)/convert"))
            }
        case EntityKey.competitor:
            let strand = context.request.strand
            page.headToHead = try await strand.database.headToHead(competitorId: record.id, catalog: strand.catalog,
                                                                   scope: context.actor.filter(.view, on: EntityKey.opportunity))
        default:
            break
        }
    }
}
