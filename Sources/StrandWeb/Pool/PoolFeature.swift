import StrandCore
import StrandStore
import Vapor

/// The public pools: claiming, assigning and returning customers, the nightly return, the
/// pools' rules and the territories that assign new customers.
struct PoolFeature: Feature {
    func register(_ routes: FeatureRoutes) {
        PoolsController.register(routes.pages)
        ApiSalesController.register(routes.api)
        routes.admin.get("pools", use: AdminPools.show)
        routes.admin.post("pools", use: AdminPools.save)
        routes.admin.post("pools", ":id", use: AdminPools.save)
        routes.admin.get("territories", use: AdminTerritories.show)
        routes.admin.post("territories", use: AdminTerritories.save)
    }

    var menu: [MenuItem] {
        [
            MenuItem(path: "/pools", label: "nav.pools", area: .customers, after: "customers", shown: MenuItem.seeing(EntityKey.customer)),
            MenuItem.administering("/admin/pools", "admin.pools", after: "admin/roles"),
            MenuItem.administering("/admin/territories", "admin.territories", after: "admin/pools"),
        ]
    }

    var strings: [FeatureStrings] { [FeatureStrings(simplified: Catalog.zhHansPool, english: Catalog.enPool)] }

    var jobs: [ScheduledJob] {
        [ScheduledJob(name: "pool return", interval: .seconds(60)) { job in
            guard let hour = job.nightlyHour else { return nil }
            let run = PoolReturnJob(database: job.strand.database, catalog: job.strand.catalog)
            guard let outcome = try await run.runIfDue(now: job.now, hour: hour, timeZone: job.timeZone, runner: job.runner) else { return nil }
            return "\(outcome.returned) returned, \(outcome.reminded) reminded"
        }]
    }

    func sections(_ context: PageContext, _ page: DetailPage.Model, at place: DetailPage.Place) -> [Node] {
        place == .afterRelated && !page.poolEvents.isEmpty ? [PoolEventsSection.render(context, events: page.poolEvents, people: page.people)] : []
    }

    /// A pooled record's return action, for its owner or whoever may assign it, and its pool history.
    func detail(_ page: inout DetailPage.Model, _ context: DetailContext) async throws {
        guard page.entity.pooled else { return }
        let record = page.record
        if let owner = record.ownerId, owner == context.actor.userId || context.allows(.assign, page) {
            page.actions.append(("pool.return", "/\(page.entity.resource)/\(record.id)/return"))
        }
        page.poolEvents = try await context.request.strand.database.read { try await Pools.events(customerId: record.id, db: $0) }
        if !page.poolEvents.isEmpty { page.people = try await context.request.directoryNames().users }
    }
}
