import StrandCore
import StrandStore
import Vapor

/// The aging report of receivables on `/receivables` and `/api/v1/receivables/aging`:
/// `?by=owner|department|customer`, within the reader's scope of instalments, as of today in
/// the reader's time zone.
enum ReceivablesController {
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.get("receivables", use: self.show)
        api.get("receivables", "aging") { request -> Response in
            let (group, report, names) = try await self.report(request)
            return .json(.object(["by": .string(group.rawValue), "total": self.money(report.sum.total),
                                  "overdue": self.money(report.sum.overdue), "data": .array(report.rows.map { row in
                .object(["key": .int(row.key), "name": .string(row.key.flatMap { names[$0] } ?? ""),
                         "not_due": self.money(row.notDue), "days_1_30": self.money(row.upTo30), "days_31_90": self.money(row.upTo90),
                         "over_90": self.money(row.over90), "overdue": self.money(row.overdue), "total": self.money(row.total)])
            })]))
        }
    }

    static func money(_ fen: Int64) -> JSON { .string(Money.decimal(fen)) }

    /// The customers a report lists, the most overdue first; the sum line counts them all.
    static let shownRows = 200

    static func report(_ request: Request) async throws -> (AgingGroup, AgingReport, [Int64: String]) {
        let identity = try request.requireIdentity()
        let entity = try await ApiRecordsController.entity(request, "instalments")
        guard identity.actor.can(.view, on: entity.key) else { throw RecordError.forbidden }
        guard let group = AgingGroup(rawValue: (try? request.query.get(String.self, at: "by")) ?? "owner") else {
            throw RecordError.invalid(ValidationFailure(["by": FieldError("not_an_option")]))
        }
        let today = DateTimeText.day(Clock.millis(), timeZone: identity.timeZone)
        let report = try await request.strand.database.aging(entity, by: group, scope: identity.actor.filter(.view, on: entity.key), today: today,
                                                             limit: self.shownRows)
        return (group, report, try await self.names(group, report.rows.compactMap(\.key), request: request))
    }

    static func names(_ group: AgingGroup, _ ids: [Int64], request: Request) async throws -> [Int64: String] {
        switch group {
        case .owner: return try await request.directoryNames().users
        case .department: return try await request.directoryNames().departments
        case .customer:
            let customers = try await ApiRecordsController.entity(request, "customers")
            let records = try await request.strand.database.find(customers, ids: ids, scope: ScopeFilter(.everything))
            return Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0.title(customers)) })
        }
    }

    static func show(_ request: Request) async throws -> Response {
        let (group, report, names) = try await self.report(request)
        let rows = report.rows, sum = report.sum
        let context = PageContext(request)
        let s = context.strings
        let money = Money.grouped
        return Layout.render(context, title: s("aging.title")) {
            el("h1") { s("aging.title") }
            el("nav", .class("tabs")) {
                for option in AgingGroup.allCases {
                    el("a", .href("/receivables?by=\(option.rawValue)"), .class(option == group ? "button primary" : "button")) { s("aging.by.\(option.rawValue)") }
                }
            }
            el("section", .class("card")) {
                el("div", .class("table-wrap")) {
                    el("table", .class("lines"), .id("aging")) {
                        el("thead") {
                            el("tr") {
                                el("th") { s("aging.by.\(group.rawValue)") }
                                for key in ["not_due", "days_1_30", "days_31_90", "over_90", "overdue", "total"] { el("th", .class("number")) { s("aging.\(key)") } }
                            }
                        }
                        el("tbody") {
                            if rows.isEmpty { el("tr") { el("td", Attribute("colspan", "7"), .class("muted")) { s("list.empty") } } }
                            for row in rows {
                                el("tr") {
                                    el("td") { row.key.flatMap { names[$0] } ?? "—" }
                                    for figure in [row.notDue, row.upTo30, row.upTo90, row.over90, row.overdue, row.total] { el("td", .class("number")) { money(figure) } }
                                }
                            }
                        }
                        el("tfoot") {
                            el("tr") {
                                el("th") { group == .customer && rows.count == self.shownRows ? s("aging.sum_of") : s("aging.sum") }
                                for figure in [sum.notDue, sum.upTo30, sum.upTo90, sum.over90, sum.overdue, sum.total] { el("td", .class("number")) { money(figure) } }
                            }
                        }
                    }
                }
            }
        }
    }
}
