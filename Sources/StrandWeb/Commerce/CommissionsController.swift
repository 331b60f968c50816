import StrandCore
import StrandStore
import Vapor

/// Commission statements on `/commissions` and `/api/v1/commissions`: `?period=2026-11` (a
/// month, the current one when absent) and `user=ID` for one person's lines; the people the
/// reader's scope of payments reaches. Administrators close a month.
enum CommissionsController {
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.get("commissions", use: self.show)
        pages.post("commissions", "close") { request -> Response in
            let period = try self.period(request)
            try await Commissions.close(period, context: try request.writeContext(), timeZone: JobScheduler.companyTimeZone, database: request.strand.database)
            return request.redirect(to: "/commissions?period=\(period)")
        }
        api.get("commissions") { request -> Response in
            let (period, statements, _) = try await self.statements(request)
            return .json(.object(["period": .string(period.description), "data": .array(statements.map { statement in
                .object(["user_id": .int(statement.userId), "total": .string(ScaledDecimal.format(statement.total, scale: 2)),
                         "closed": .bool(statement.closedAt != nil), "lines": .array(statement.lines.map { line in
                    .object(["source": .string(line.source), "source_id": .int(line.sourceId), "contract_id": .int(line.contractId),
                             "contract_number": .string(line.contractNumber), "day": .string(line.day), "category_id": .int(line.categoryId),
                             "base": .string(ScaledDecimal.format(line.base, scale: 2)), "percent": .string(ScaledDecimal.format(line.percent, scale: 2)),
                             "commission": .string(ScaledDecimal.format(line.commission, scale: 2))])
                })])
            })]))
        }
        api.post("commissions", "close") { request -> Response in
            let period = try self.period(request)
            try await Commissions.close(period, context: try request.writeContext(), timeZone: JobScheduler.companyTimeZone, database: request.strand.database)
            return Response(status: .noContent)
        }
    }

    static func period(_ request: Request) throws -> TargetPeriod {
        let text = (try? request.query.get(String.self, at: "period")) ?? ""
        if text.isEmpty { return TargetPeriod.current(.month, at: Clock.millis(), in: JobScheduler.companyTimeZone) }
        guard let period = TargetPeriod(text), period.kind == .month else { throw RecordError.invalid(ValidationFailure(["period": .invalid])) }
        return period
    }

    /// The month's statements of the people the reader reaches (all of them, or `user`).
    static func statements(_ request: Request) async throws -> (TargetPeriod, [CommissionStatement], [User]) {
        let identity = try request.requireIdentity()
        guard identity.actor.can(.view, on: EntityKey.payment) else { throw RecordError.forbidden }
        let period = try self.period(request)
        let scope = identity.actor.filter(.view, on: EntityKey.payment)
        var people = try await request.strand.database.read { try await Directory.users(db: $0) }
            .filter { scope.allows(owner: $0.id, department: $0.departmentId) }
        if let user = (try? request.query.get(String.self, at: "user")).flatMap({ Int64($0) }) { people = people.filter { $0.id == user } }
        let statements = try await Commissions.statements(period, for: people, timeZone: JobScheduler.companyTimeZone, database: request.strand.database)
        return (period, statements, people)
    }

    static func show(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let (period, statements, people) = try await self.statements(request)
        let chosen = (try? request.query.get(String.self, at: "user")).flatMap { Int64($0) } ?? (people.count == 1 ? people.first?.id : nil)
        let names = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.name) })
        let categories = try await self.categoryNames(request)
        let context = PageContext(request)
        let s = context.strings
        let money = Money.grouped
        let closed = statements.first?.closedAt
        return Layout.render(context, title: s("commission.title")) {
            el("h1") { s("commission.title") }
            el("nav", .class("period")) {
                el("a", .href("/commissions?period=\(period.moved(by: -1))"), .aria(label: s("targets.previous"))) { "‹" }
                el("strong") { TargetsPage.name(period, s) }
                el("a", .href("/commissions?period=\(period.moved(by: 1))"), .aria(label: s("targets.next"))) { "›" }
                if let closed { el("span", .class("muted")) { " " + s("commission.closed", ["time": context.time(closed)]) } }
            }
            el("section", .class("card")) {
                el("table", .class("lines"), .id("commission-people")) {
                    el("thead") { el("tr") { el("th") { s("targets.person") }; el("th", .class("number")) { s("commission.total") } } }
                    el("tbody") {
                        for statement in statements where !statement.lines.isEmpty || statement.userId == identity.user.id {
                            el("tr") {
                                el("td") { el("a", .href("/commissions?period=\(period)&user=\(statement.userId)")) { names[statement.userId] ?? "" } }
                                el("td", .class("number")) { money(statement.total) }
                            }
                        }
                    }
                }
                if identity.actor.isAdmin && closed == nil {
                    el("form", Attribute("method", "post"), .action("/commissions/close?period=\(period)"), .class("inline"),
                       .data("data-confirm", s("commission.close_confirm"))) {
                        context.csrfField
                        el("button", .type("submit"), .class("button danger")) { s("commission.close") }
                    }
                }
            }
            if let chosen, let statement = statements.first(where: { $0.userId == chosen }) {
                el("section", .class("card"), .id("commission-lines")) {
                    el("h2") { (names[chosen] ?? "") + " · " + money(statement.total) }
                    el("table", .class("lines")) {
                        el("thead") { el("tr") { for key in ["contract", "day", "category", "base", "percent", "commission"] { el("th") { s("commission.\(key)") } } } }
                        el("tbody") {
                            for line in statement.lines {
                                el("tr") {
                                    el("td") { el("a", .href("/contracts/\(line.contractId)")) { line.contractNumber } }
                                    el("td") { line.day }
                                    el("td") { line.categoryId.flatMap { categories[$0] } ?? s("commission.no_category") }
                                    el("td", .class("number")) { money(line.base) }
                                    el("td", .class("number")) { ScaledDecimal.format(line.percent, scale: 2) + "%" }
                                    el("td", .class("number")) { money(line.commission) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func categoryNames(_ request: Request) async throws -> [Int64: String] {
        guard let categories = request.strand.catalog.entity(EntityKey.productCategory) else { return [:] }
        var query = ListQuery()
        query.limit = 1_000
        let page = try await request.strand.database.list(categories, query: query, scope: ScopeFilter(.everything))
        return Dictionary(uniqueKeysWithValues: page.records.map { ($0.id, $0.title(categories)) })
    }
}
