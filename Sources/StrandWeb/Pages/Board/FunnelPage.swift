import StrandCore
import StrandStore
import Vapor

/// The sales funnel (count, amount and weighted amount per open stage, and the win rate) and
/// the forecast by month (weighted and committed), each as a chart with its table beside it.
enum FunnelPage {
    struct Model: Sendable {
        let stages: [GroupTotal]
        let months: [MonthForecast]
        let filters: [(String, String)]
        let users: [Int64: String]
        let departments: [Int64: String]

        func total(_ stage: String) -> GroupTotal? { self.stages.first { $0.value == stage } }

        /// Won deals among the closed ones, in whole percent; nil before any has closed.
        var winRate: Int? {
            let won = self.total("won")?.count ?? 0, lost = self.total("lost")?.count ?? 0
            return won + lost == 0 ? nil : (won * 100 + (won + lost) / 2) / (won + lost)
        }
    }

    static func money(_ fen: Int64) -> String { ScaledDecimal.format(fen, scale: 2) }

    static func render(_ context: PageContext, _ model: Model) -> Response {
        let s = context.strings
        let open = SalesStage.open
        let rows = open.map { stage -> (SalesStage, Int, Int64, Int64) in
            let total = model.total(stage.key)
            let amount = total?.sum ?? 0
            return (stage, total?.count ?? 0, amount, (amount * Int64(stage.probability) + 50) / 100)
        }
        return Layout.render(context, title: s("funnel.title")) {
            el("h1") { s("funnel.title") }
            self.filters(context, model)
            el("section", .class("card chart-card"), .id("funnel")) {
                el("h2") { s("funnel.by_stage") }
                el("p", .class("muted")) {
                    s("funnel.win_rate", ["rate": model.winRate.map { "\($0)%" } ?? "—"]) + " · "
                        + s("funnel.won", ["count": String(model.total("won")?.count ?? 0), "amount": self.money(model.total("won")?.sum ?? 0)])
                }
                BarChart.render(rows.map { BarChart.Row(label: s.choice("opportunity", "stage", $0.0.key), values: [$0.2, $0.3],
                                                        caption: self.money($0.2)) }, title: s("funnel.by_stage"), centered: true)
                el("table", .class("data")) {
                    el("thead") { el("tr") { for key in ["opportunity.stage", "funnel.count", "funnel.amount", "funnel.weighted"] { el("th") { s(key) } } } }
                    el("tbody") {
                        for (stage, count, amount, weighted) in rows {
                            el("tr") {
                                el("td") { s.choice("opportunity", "stage", stage.key) + " (\(stage.probability)%)" }
                                el("td", .class("num")) { String(count) }
                                el("td", .class("num")) { self.money(amount) }
                                el("td", .class("num")) { self.money(weighted) }
                            }
                        }
                    }
                }
            }
            el("section", .class("card chart-card"), .id("forecast")) {
                el("h2") { s("funnel.forecast") }
                if model.months.isEmpty {
                    el("p", .class("muted")) { s("list.empty") }
                } else {
                    self.forecast(context, model)
                }
            }
        }
    }

    static func forecast(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        return el("div") {
            BarChart.render(model.months.map { BarChart.Row(label: $0.month, values: [$0.weighted, $0.committed], caption: self.money($0.weighted)) },
                            title: s("funnel.forecast"))
            el("table", .class("data")) {
                el("thead") { el("tr") { for key in ["funnel.month", "funnel.count", "funnel.amount", "funnel.weighted", "funnel.committed"] { el("th") { s(key) } } } }
                el("tbody") {
                    for month in model.months {
                        el("tr") {
                            el("td") { month.month }
                            el("td", .class("num")) { String(month.count) }
                            el("td", .class("num")) { self.money(month.amount) }
                            el("td", .class("num")) { self.money(month.weighted) }
                            el("td", .class("num")) { self.money(month.committed) }
                        }
                    }
                }
            }
        }
    }

    static func filters(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        let chosen = Dictionary(model.filters, uniquingKeysWith: { first, _ in first })
        return el("form", .class("filters card"), Attribute("method", "get"), .action("/opportunities/funnel")) {
            ListFilters.select("owner_id", s("system.owner_id"), options: ListFilters.options(model.users), current: chosen)
            ListFilters.select("department_id", s("system.department_id"), options: ListFilters.options(model.departments), current: chosen)
            ListFilters.actions(s, reset: "/opportunities/funnel")
        }
    }
}
