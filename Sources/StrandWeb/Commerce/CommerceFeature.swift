import StrandCore
import StrandStore
import Vapor

/// Quotation to cash: products and price books, quotations, orders and contracts with their
/// approvals, payment plans and payments, receivables and their alerts, commissions, printing
/// and Word documents.
struct CommerceFeature: Feature {
    func register(_ routes: FeatureRoutes) {
        DocumentsController.register(pages: routes.pages, api: routes.api, catalog: routes.catalog)
        AdminCommerce.register(pages: routes.pages.grouped("admin"), api: routes.api)
        PlanSection.register(pages: routes.pages, api: routes.api)
        ReceivablesController.register(pages: routes.pages, api: routes.api)
        WordExport.register(pages: routes.pages, api: routes.api, catalog: routes.catalog)
        CommissionsController.register(pages: routes.pages, api: routes.api)
    }

    var menu: [MenuItem] {
        [
            MenuItem(path: "/receivables", label: "aging.title", area: .reports, shown: MenuItem.seeing(EntityKey.instalment)),
            MenuItem(path: "/commissions", label: "commission.title", area: .reports, shown: MenuItem.seeing(EntityKey.instalment)),
            MenuItem.administering("/admin/commerce", "admin.commerce", after: "admin/pipelines"),
        ]
    }

    var strings: [FeatureStrings] { [FeatureStrings(simplified: Catalog.zhHansCommerce, english: Catalog.enCommerce)] }

    var jobs: [ScheduledJob] {
        [
            // What the aging report by customer keeps moves on to the company's day as soon as
            // that begins, so that no reader waits for it.
            ScheduledJob(name: "receivables", interval: .seconds(60)) { job in
                try await job.strand.database.keepReceivables(asOf: DateTimeText.day(job.now, timeZone: job.timeZone))
                return nil
            },
            ScheduledJob(name: "receivable alerts", interval: .seconds(60)) { job in
                guard let hour = job.nightlyHour else { return nil }
                let alerts = CommerceAlertsJob(database: job.strand.database, catalog: job.strand.catalog)
                guard let outcome = try await alerts.runIfDue(now: job.now, hour: hour, timeZone: job.timeZone, runner: job.runner) else { return nil }
                return "\(outcome.overdue) overdue, \(outcome.renewals) renewals"
            },
        ]
    }

    func sections(_ context: PageContext, _ page: DetailPage.Model, at place: DetailPage.Place) -> [Node] {
        guard place == .top, let document = page.document else { return [] }
        return [DocumentSection.render(context, page, document)]
    }

    func detail(_ page: inout DetailPage.Model, _ context: DetailContext) async throws {
        let entity = page.entity, record = page.record, catalog = context.request.strand.catalog
        page.actions += DocumentActions.newDocuments(from: entity, record, catalog: catalog, actor: context.actor)
        if WordExport.entities.contains(entity.key) && entity.documentFlow == nil {
            page.actions.append(("document.word", "/\(entity.resource)/\(record.id)/document.docx"))
        }
        page.canEditPlan = page.canEdit && catalog.children(of: entity.key).contains(where: \.managedByParent)
        if let flow = entity.documentFlow { try await DocumentActions.addDocument(flow, to: &page, waiting: context.waiting, request: context.request) }
    }
}
