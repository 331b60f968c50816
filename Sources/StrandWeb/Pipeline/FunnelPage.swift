import StrandCore
import StrandStore
import Vapor

/// The sales funnel of one pipeline (count, amount and weighted amount per open stage), the
/// win rate and cycle length, and the forecast (weighted and committed) by month or quarter
/// for the company, each department or each person, each chart with its table beside it.
enum FunnelPage {
    struct Model: Sendable {
        let entity: EntityDefinition
        let pipeline: Pipeline
        let pipelines: [Pipeline]
        let stages: [GroupTotal]
        let closed: ClosedDeals
        let forecast: [ForecastRow]
        let period: ForecastPeriod
        let group: ForecastGroup
        let filters: [(String, String)]
        let users: [Int64: String]
        let departments: [Int64: String]

        func groupName(_ id: Int64?) -> String {
            guard let id else { return "—" }
            return (self.group == .owner ? self.users[id] : self.departments[id]) ?? "#\(id)"
        }

        /// The forecast summed over groups, one row per period, for the chart.
        var periods: [(period: String, weighted: Int64, committed: Int64)] {
            Dictionary(grouping: self.forecast, by: \.period).sorted { $0.key < $1.key }.map { period, rows in
                (period, rows.reduce(0) { $0 + $1.weighted }, rows.reduce(0) { $0 + $1.committed })
            }
        }
    }

    static func render(_ context: PageContext, _ model: Model) -> Response {
        let s = context.strings
        let rows = model.pipeline.openStages.map { stage -> (SalesStage, Int, Int64, Int64) in
            let total = model.stages.first { $0.value == stage.key }
            let amount = total?.sum ?? 0
            return (stage, total?.count ?? 0, amount, (amount * Int64(stage.probability) + 50) / 100)
        }
        let label = { (stage: SalesStage) in model.entity.label(of: stage.key, in: "stage", strings: s) }
        return Layout.render(context, title: s("funnel.title")) {
            el("h1") { s("funnel.title") }
            self.filters(context, model)
            el("section", .class("card chart-card"), .id("funnel")) {
                el("h2") { s("funnel.by_stage") }
                self.closedSummary(context, model.closed)
                BarChart.render(rows.map { BarChart.Row(label: label($0.0), values: [$0.2, $0.3], caption: Money.summary($0.2, s.language)) },
                                title: s("funnel.by_stage"), centered: true)
                DataTable.render(headers: ["opportunity.stage", "funnel.count", "funnel.amount", "funnel.weighted"].map { s($0) }, rows: rows.map { stage, count, amount, weighted in
                    [.text(label(stage) + " (\(stage.probability)%)"), .number(String(count)), .number(Money.full(amount)), .number(Money.full(weighted))]
                })
            }
            el("section", .class("card chart-card"), .id("forecast")) {
                el("h2") { s("funnel.forecast.\(model.period.rawValue)") }
                if model.forecast.isEmpty {
                    el("p", .class("muted")) { s("list.empty") }
                } else {
                    self.forecast(context, model)
                }
            }
        }
    }

    static func closedSummary(_ context: PageContext, _ closed: ClosedDeals) -> Node {
        let s = context.strings
        let days = closed.averageDaysToWin.map { String(format: "%.1f", $0) } ?? "—"
        return el("p", .class("muted"), .id("closed-deals")) {
            [s("funnel.win_rate", ["rate": closed.winRate.map { "\($0)%" } ?? "—"]),
             s("funnel.won", ["count": String(closed.won), "amount": Money.summary(closed.wonAmount, s.language)]),
             s("funnel.lost", ["count": String(closed.lost)]),
             s("funnel.cycle", ["days": days])].joined(separator: " · ")
        }
    }

    static func forecast(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        let grouped = model.group != .company
        let headers = ["funnel.period_column"] + (grouped ? ["funnel.group.\(model.group.rawValue)"] : [])
            + ["funnel.count", "funnel.amount", "funnel.weighted", "funnel.committed"]
        return el("div") {
            BarChart.render(model.periods.map { BarChart.Row(label: $0.period, values: [$0.weighted, $0.committed], caption: Money.summary($0.weighted, s.language)) },
                            title: s("funnel.forecast.\(model.period.rawValue)"))
            DataTable.render(headers: headers.map { s($0) }, rows: model.forecast.map { row in
                [.text(row.period)] + (grouped ? [.text(model.groupName(row.group))] : [])
                    + [.number(String(row.count)), .number(Money.full(row.amount)), .number(Money.full(row.weighted)), .number(Money.full(row.committed))]
            })
        }
    }

    static func filters(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        var chosen = Dictionary(model.filters, uniquingKeysWith: { first, _ in first })
        chosen["filter[pipeline]"] = model.pipeline.key
        return el("form", .class("filters card"), Attribute("method", "get"), .action("/opportunities/funnel")) {
            if model.pipelines.count > 1 {
                ListFilters.select("pipeline", s("opportunity.pipeline"), options: model.pipelines.map {
                    FieldDefinition.Option(value: $0.key, label: model.entity.label(of: $0.key, in: "pipeline", strings: s))
                }, current: chosen)
            }
            ListFilters.select("owner_id", s("system.owner_id"), options: ListFilters.options(model.users), current: chosen)
            ListFilters.select("department_id", s("system.department_id"), options: ListFilters.options(model.departments), current: chosen)
            self.choice("period", s("funnel.period"), ForecastPeriod.allCases.map(\.rawValue), model.period.rawValue, context)
            self.choice("by", s("funnel.by"), ForecastGroup.allCases.map(\.rawValue), model.group.rawValue, context)
            ListFilters.actions(s, reset: "/opportunities/funnel")
        }
    }

    static func choice(_ name: String, _ label: String, _ values: [String], _ current: String, _ context: PageContext) -> Node {
        let options = values.map { FieldDefinition.Option(value: $0, label: context.strings("funnel.\(name).\($0)")) }
        return ListFilters.field(name, label, FieldDefinition.select([.id("filter-\(name)"), .name(name)], options: options,
                                                                     selected: current, blank: false))
    }
}
