import StrandCore
import StrandStore
import Vapor

/// The public pools: the waiting customers of one pool with claim and assign, and giving a
/// customer back from its page. The API has the same actions.
enum PoolsController {
    static func register(_ pages: any RoutesBuilder) {
        pages.get("pools", use: self.index)
        pages.get("pools", ":pool", use: self.show)
        pages.get("pools", ":pool", "customers", ":id", use: self.customer)
        pages.post("pools", ":pool", "claim", use: self.claim)
        pages.post("pools", ":pool", "assign", use: self.assign)
        pages.post("pools", ":pool", "assign-by-territory", use: self.assignByTerritory)
        pages.get("customers", ":id", "return", use: self.returnForm)
        pages.post("customers", ":id", "return", use: self.giveBack)
    }

    static func index(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let pools = try await self.service(request).pools(for: identity.actor)
        if pools.count == 1 { return request.redirect(to: "/pools/\(pools[0].id)") }
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("pool.list")) {
            el("h1") { s("pool.list") }
            el("section", .class("card")) {
                if pools.isEmpty { el("p", .class("muted")) { s("pool.none_visible") } }
                el("ul", .class("results")) {
                    for pool in pools { el("li") { el("a", .href("/pools/\(pool.id)")) { pool.name } } }
                }
            }
        }
    }

    static func show(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let pool = try await self.pool(request)
        let entity = self.entity(request)
        var list = try await ListPage.model(request, entity: entity, scope: ScopeFilter(.pool(pool.id)), path: "/pools/\(pool.id)")
        list.recordsAt = "/pools/\(pool.id)/customers"
        list.extraColumns = try await self.returnColumns(request, list)
        let standing = try await self.service(request).standing(of: identity.actor, timeZone: identity.timeZone)
        let model = PoolPage.Model(pool: pool, list: list, owned: pool.rules.wonCountTowardsMax ? standing.owned : standing.notWon,
                                   claimedToday: standing.claimedToday,
                                   canAssign: identity.actor.isAdmin || pool.isAdmin(identity.user.id))
        return PoolPage.render(PageContext(request), model)
    }

    /// A waiting customer as its pool's members may see it before claiming: its details and
    /// its pool history, read in the pool's scope, so a customer that has just been claimed is gone.
    static func customer(_ request: Request) async throws -> Response {
        let pool = try await self.pool(request)
        let entity = self.entity(request)
        guard let record = try await request.strand.database.find(entity, id: try ApiRecordsController.id(request), scope: ScopeFilter(.pool(pool.id))) else {
            throw RecordError.notFound
        }
        let lookups = try await Lookups.load(for: [record], entity: entity, request: request)
        var model = DetailPage.Model(entity: entity, record: record, lookups: lookups, related: [], history: [], periods: [],
                                     canEdit: false, canDelete: false)
        model.poolEvents = try await request.strand.database.read { try await Pools.events(customerId: record.id, db: $0) }
        model.people = try await request.directoryNames().users
        return PoolCustomerPage.render(PageContext(request), pool: pool, model)
    }

    /// Who had each waiting customer before and why it came back, so claiming is not blind.
    static func returnColumns(_ request: Request, _ list: ListPage.Model) async throws -> [ListPage.Column] {
        let s = request.strings
        let ids = list.page.records.map(\.id)
        let returns = try await request.strand.database.read { try await Pools.lastReturns(customerIds: ids, db: $0) }
        let names = Dictionary(uniqueKeysWithValues: list.users.map { ($0.id, $0.name) })
        return [
            ListPage.Column(label: s("pool.previous_owner"), values: returns.compactMapValues { $0.userId.flatMap { names[$0] } }),
            ListPage.Column(label: s("pool.return_reason"), values: returns.mapValues { $0.kind == "auto_return" ? s("pool.returned_by_rules") : $0.reason }),
        ]
    }

    static func claim(_ request: Request) async throws -> Response {
        let pool = try await self.pool(request)
        let form = try FormInput.values(request)
        try await self.service(request).claim(form.ids("ids"), context: try request.writeContext())
        return request.redirect(to: FormInput.returnPath(form) ?? "/pools/\(pool.id)")
    }

    static func assign(_ request: Request) async throws -> Response {
        let pool = try await self.pool(request)
        let form = try FormInput.values(request)
        guard let user = form["user_id"].flatMap({ Int64($0) }) else {
            throw RecordError.invalid(ValidationFailure(["user_id": FieldError("required")]))
        }
        try await self.service(request).assign(form.ids("ids"), to: user, context: try request.writeContext())
        return request.redirect(to: FormInput.returnPath(form) ?? "/pools/\(pool.id)")
    }

    static func assignByTerritory(_ request: Request) async throws -> Response {
        let pool = try await self.pool(request)
        let form = try FormInput.values(request)
        _ = try await self.service(request).assignByTerritory(form.ids("ids"), context: try request.writeContext())
        return request.redirect(to: FormInput.returnPath(form) ?? "/pools/\(pool.id)")
    }

    static func returnForm(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let entity = self.entity(request)
        guard let record = try await request.strand.database.find(entity, id: try ApiRecordsController.id(request),
                                                                   scope: identity.actor.filter(.view, on: entity.key)) else {
            throw RecordError.notFound
        }
        return ReturnToPoolPage.render(PageContext(request), entity: entity, record: record)
    }

    static func giveBack(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        let id = try ApiRecordsController.id(request)
        try await self.service(request).giveBack([id], reason: form["reason"] ?? "", context: try request.writeContext())
        return request.redirect(to: "/\(self.entity(request).resource)")
    }

    /// The pool of the path, when the reader may open it.
    static func pool(_ request: Request) async throws -> Pool {
        let identity = try request.requireIdentity()
        let id = request.parameters.get("pool").flatMap { Int64($0) }
        guard let pool = try await self.service(request).pools(for: identity.actor).first(where: { $0.id == id }) else {
            throw RecordError.notFound
        }
        return pool
    }

    static func service(_ request: Request) -> PoolService { PoolService(records: request.strand.records) }

    static func entity(_ request: Request) -> EntityDefinition { request.strand.catalog.entities.first(where: \.pooled)! }
}
