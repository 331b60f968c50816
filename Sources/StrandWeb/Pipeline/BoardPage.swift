import StrandCore
import StrandStore
import Vapor

/// Opportunities by stage. Every card carries a small form that moves it to another stage
/// (a partial update through the one write pipeline); dragging a card onto a column fills and
/// sends that same form, so the board works with and without JavaScript.
enum BoardPage {
    struct Column: Sendable {
        let stage: SalesStage
        let cards: [Record]
        let count: Int
        let amount: Int64
    }

    struct Model: Sendable {
        let entity: EntityDefinition
        let pipeline: Pipeline
        let pipelines: [Pipeline]
        let columns: [Column]
        let lookups: Lookups
        let filters: [(String, String)]
        let canEdit: Bool
    }

    /// The parts every card's move form shares, rendered once per board: a board shows a
    /// hundred cards or more, each with the same token, return address and stage choices.
    struct MoveChoices {
        let fixed: Node
        /// The stage menu with each stage chosen, by stage.
        let menus: [String: Node]
        let button: Node

        init(_ context: PageContext, _ model: Model) {
            let s = context.strings
            let stages = model.pipeline.stages.map { FieldDefinition.Option(value: $0.key, label: model.entity.label(of: $0.key, in: "stage", strings: s)) }
            self.fixed = .group([
                context.csrfField,
                el("input", .type("hidden"), .name("partial"), .value("1")),
                el("input", .type("hidden"), .name("return_to"), .value(ListPage.link("/opportunities/board", model.filters))),
            ])
            self.menus = Dictionary(uniqueKeysWithValues: stages.map { stage in
                (stage.value, FieldDefinition.select([.name("stage"), .aria(label: s("opportunity.stage"))], options: stages, selected: stage.value, blank: false))
            })
            self.button = el("button", .type("submit"), .class("button")) { s("board.move") }
        }
    }

    static func render(_ context: PageContext, _ model: Model) -> Response {
        let s = context.strings
        let choices = MoveChoices(context, model)
        return Layout.render(context, title: s("board.title")) {
            el("div", .class("detail-header")) {
                el("h1") { s("board.title") }
                el("div", .class("actions")) {
                    el("a", .href("/opportunities"), .class("button")) { s("board.as_list") }
                    el("a", .href("/opportunities/new"), .class("button primary")) { s("action.new") }
                }
            }
            self.filters(context, model)
            el("div", .class("board")) {
                for column in model.columns { self.column(context, model, column, choices) }
            }
        }
    }

    static func filters(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        let chosen = Dictionary(model.filters, uniquingKeysWith: { first, _ in first })
        return el("form", .class("filters card"), Attribute("method", "get"), .action("/opportunities/board")) {
            if model.pipelines.count > 1 {
                let options = model.pipelines.map { FieldDefinition.Option(value: $0.key, label: model.entity.label(of: $0.key, in: "pipeline", strings: context.strings)) }
                ListFilters.select("pipeline", s("opportunity.pipeline"), options: options, current: ["filter[pipeline]": model.pipeline.key])
            }
            ListFilters.field("q", s("search.title"), el("input", .id("filter-q"), .name("q"), .type("search"), .value(chosen["q"] ?? "")))
            ListFilters.select("owner_id", s("system.owner_id"), options: ListFilters.options(model.lookups.users), current: chosen)
            ListFilters.actions(s, reset: "/opportunities/board")
        }
    }

    static func column(_ context: PageContext, _ model: Model, _ column: Column, _ choices: MoveChoices) -> Node {
        let s = context.strings
        return el("section", .class("board-column"), .data("data-stage", column.stage.key)) {
            el("header") {
                el("h2") { model.entity.label(of: column.stage.key, in: "stage", strings: context.strings) }
                el("p", .class("muted totals"), Attribute("title", Money.full(column.amount))) {
                    s("board.totals", ["count": String(column.count), "amount": Money.summary(column.amount, s.language)])
                }
            }
            el("ol", .class("cards")) {
                for card in column.cards { self.card(context, model, card, choices) }
            }
            if column.count > column.cards.count {
                el("a", .class("more"), .href(ListPage.link("/opportunities", [("filter[stage]", column.stage.key)]))) {
                    s("board.more", ["count": String(column.count - column.cards.count)])
                }
            }
        }
    }

    static func card(_ context: PageContext, _ model: Model, _ card: Record, _ choices: MoveChoices) -> Node {
        let s = context.strings
        let entity = model.entity
        let customer = entity.field("customer_id")!
        return el("li", .class("board-card"), .data("data-id", String(card.id)), Attribute("draggable", model.canEdit ? "true" : "false")) {
            el("a", .href("/opportunities/\(card.id)"), .class("title")) { card.title(entity) }
            el("div", .class("muted")) {
                customer.display(card["customer_id"], entity: entity.key, strings: s, timeZone: context.timeZone, lookups: model.lookups)
            }
            el("div", .class("amount")) { ScaledDecimal.format(card["amount"].integerValue ?? 0, scale: 2) }
            el("div", .class("muted")) {
                [card.ownerId.flatMap { model.lookups.users[$0] } ?? "—", card["expected_close"].textValue ?? ""]
                    .filter { !$0.isEmpty }.joined(separator: " · ")
            }
            if model.canEdit { self.moveForm(context, card, choices) }
        }
    }

    static func moveForm(_ context: PageContext, _ card: Record, _ choices: MoveChoices) -> Node {
        el("form", .class("move"), Attribute("method", "post"), .action("/opportunities/\(card.id)")) {
            choices.fixed
            el("input", .type("hidden"), .name("version"), .value(String(card.version)))
            choices.menus[card["stage"].textValue ?? ""] ?? .empty
            choices.button
        }
    }
}
