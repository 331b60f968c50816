import StrandCore
import StrandStore
import Vapor

/// `/targets`: each department's and person's target for a month, quarter or year beside what
/// they won, as percent of the base and the stretch figure, with the people of a department
/// ranked. Figures the reader may set are inputs of one form.
enum TargetsPage {
    struct Model {
        let board: TargetBoard
    }

    static func render(_ context: PageContext, _ model: Model) -> Response {
        let s = context.strings
        let period = model.board.period
        let here = { (period: TargetPeriod) in
            "/targets?period=\(period)&measure=\(model.board.measure.rawValue)" + (model.board.department.map { "&department=\($0)" } ?? "")
        }
        return Layout.render(context, title: s("targets.title")) {
            el("h1") { s("targets.title") }
            el("nav", .class("period"), .aria(label: s("targets.title"))) {
                el("a", .href(here(period.moved(by: -1))), .aria(label: s("targets.previous"))) { "‹" }
                el("strong") { self.name(period, s) }
                el("a", .href(here(period.moved(by: 1))), .aria(label: s("targets.next"))) { "›" }
                for kind in TargetPeriod.Kind.allCases {
                    el("a", .href(here(TargetPeriod.current(kind, at: Clock.millis(), in: context.timeZone))),
                       kind == period.kind ? Attribute("aria-current", "true") : Attribute(flag: "aria-current", false)) { s("targets.current.\(kind.rawValue)") }
                }
            }
            el("nav", .class("tabs")) {
                for measure in TargetMeasure.allCases {
                    el("a", .href("/targets?period=\(period)&measure=\(measure.rawValue)"),
                       .class(measure == model.board.measure ? "button primary" : "button")) { s("targets.measure.\(measure.rawValue)") }
                }
            }
            el("form", Attribute("method", "get"), .action("/targets"), .class("filters")) {
                el("input", .type("hidden"), .name("period"), .value(period.description))
                el("input", .type("hidden"), .name("measure"), .value(model.board.measure.rawValue))
                el("label", Attribute("for", "ranking-department")) { s("targets.ranking_in") }
                FieldDefinition.select([.id("ranking-department"), .name("department")],
                                       options: model.board.departments.compactMap(self.departmentOption),
                                       selected: model.board.department.map(String.init) ?? "", blank: true)
                el("button", .type("submit"), .class("button")) { s("action.apply") }
            }
            el("form", Attribute("method", "post"), .action("/targets?period=\(period)"), .id("targets-form")) {
                context.csrfField
                el("section", .class("card")) {
                    el("h2") { s("targets.departments") }
                    self.table(context, model, model.board.departments, ranked: false)
                }
                el("section", .class("card")) {
                    el("h2") { s("targets.ranking") }
                    self.table(context, model, model.board.people, ranked: true)
                }
                if !model.board.settable.isEmpty {
                    el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("targets.save") } }
                }
            }
        }
    }

    static func table(_ context: PageContext, _ model: Model, _ lines: [TargetLine], ranked: Bool) -> Node {
        let s = context.strings
        guard !lines.isEmpty else { return el("p", .class("muted")) { s("list.empty") } }
        let headers = (ranked ? ["targets.rank", "targets.person"] : ["targets.department"])
            + ["targets.base", "targets.stretch", "targets.\(model.board.measure == .won ? "won" : "received")", "targets.of_base", "targets.of_stretch"]
        return DataTable.render("targets", headers: headers.map { s($0) }, rows: lines.map { line in
            (ranked ? [.number(line.rank.map(String.init) ?? "")] : []) + [
                .text(line.name),
                DataTable.Cell(content: self.figure(context, model, line, "base", line.target?.base)),
                DataTable.Cell(content: self.figure(context, model, line, "stretch", line.target?.stretch)),
                .number(Money.full(line.won) + " · " + s("targets.deals", ["count": String(line.wonCount)])),
                DataTable.Cell(content: self.percent(line.percentOfBase, label: s("targets.of_base") + " " + line.name)),
                DataTable.Cell(content: self.percent(line.percentOfStretch, label: s("targets.of_stretch") + " " + line.name)),
            ]
        })
    }

    static func figure(_ context: PageContext, _ model: Model, _ line: TargetLine, _ key: String, _ value: Int64?) -> Node {
        let shown = value.map(Money.decimal) ?? ""
        guard model.board.settable.contains(line.unit) else { return .text(shown.isEmpty ? "—" : shown) }
        return el("input", .type("text"), .name("\(key)_\(line.unit.token)"), .value(shown), Attribute("inputmode", "decimal"),
                  .class("amount"), .aria(label: context.strings("targets.\(key)") + " " + line.name))
    }

    static func departmentOption(_ line: TargetLine) -> FieldDefinition.Option? {
        guard case .department(let id) = line.unit else { return nil }
        return FieldDefinition.Option(value: String(id), label: line.name)
    }

    static func percent(_ value: Int?, label: String) -> Node {
        guard let value else { return .text("—") }
        return .group([
            el("meter", Attribute("min", "0"), Attribute("max", "100"), .value(String(min(value, 100))), .aria(label: label)) { "\(value)%" },
            .text(" \(value)%"),
        ])
    }

    static func name(_ period: TargetPeriod, _ s: Strings) -> String {
        s("targets.period.\(period.kind.rawValue)", ["year": String(period.year), "number": String(period.number)])
    }
}
