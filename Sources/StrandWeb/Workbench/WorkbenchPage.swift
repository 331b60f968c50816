import StrandCore
import StrandStore
import Vapor

/// The workbench's cards, most urgent first.
enum WorkbenchPage {
    struct Model {
        var bench = Workbench()
        var schedule: [CalendarEntry] = []
        var callBackLookups = Lookups()
        var notices: [Notice] = []
        var notes: [Note] = []
        var noteError: (FieldError?, String)?
        var waiting: [Record] = []
        var approvals: [ApprovalQueue.Item] = []
        var approvalTitles: [Int64: String] = [:]
        var recent: [Record] = []
        var recentLookups = Lookups()
    }

    static func render(_ context: PageContext, _ model: Model, status: HTTPResponseStatus) -> Response {
        let s = context.strings
        return Layout.render(context, title: s("nav.home"), status: status) {
            el("h1") { s("home.welcome", ["name": context.identity?.user.name ?? ""]) }
            if !model.notices.isEmpty { self.notices(context, model.notices) }
            el("div", .class("workbench")) {
                self.schedule(context, model.schedule)
                self.tasks(context, model.bench.tasks)
                self.callBacks(context, model.bench.callBacks, lookups: model.callBackLookups)
                if !model.approvals.isEmpty { self.approvals(context, model) }
                if !model.waiting.isEmpty { self.reviews(context, model.waiting) }
                self.figures(context, model.bench)
                NotesSection.render(context, notes: model.notes, on: nil, error: model.noteError?.0, text: model.noteError?.1 ?? "")
                self.recent(context, model)
            }
        }
    }

    static func card(_ id: String, _ title: Node, @NodeBuilder _ content: () -> [Node]) -> Node {
        el("section", .class("card"), .id(id)) {
            el("h2") { title }
            content()
        }
    }

    static func schedule(_ context: PageContext, _ entries: [CalendarEntry]) -> Node {
        let s = context.strings
        return self.card("today", el("a", .href("/calendar?view=day")) { s("workbench.today") }) {
            if entries.isEmpty { el("p", .class("muted")) { s("workbench.nothing_today") } }
            el("ul", .class("results")) {
                for entry in entries { el("li") { CalendarPage.entryLink(entry, s, context: context, draggable: false) } }
            }
        }
    }

    static func tasks(_ context: PageContext, _ tasks: [Record]) -> Node {
        let s = context.strings
        let today = DateTimeText.day(Clock.millis(), timeZone: context.timeZone).description
        return self.card("tasks", el("a", .href("/tasks?filter%5Bstatus%5D=open")) { s("workbench.tasks") }) {
            if tasks.isEmpty { el("p", .class("muted")) { s("workbench.no_tasks") } }
            el("ul", .class("results")) {
                for task in tasks {
                    let due = task["due_date"].textValue ?? ""
                    el("li", .class(due < today ? "overdue" : "")) {
                        el("a", .href("/tasks/\(task.id)")) { task["subject"].textValue ?? "" }
                        el("span", .class("muted")) { " " + (due < today ? s("workbench.overdue", ["day": due]) : s("workbench.due_today")) }
                        el("form", .class("inline"), Attribute("method", "post"), .action("/tasks/\(task.id)")) {
                            context.csrfField
                            el("input", .type("hidden"), .name("partial"), .value("1"))
                            el("input", .type("hidden"), .name("status"), .value("done"))
                            el("input", .type("hidden"), .name("return_to"), .value("/"))
                            el("button", .type("submit"), .class("link")) { s("workbench.done") }
                        }
                    }
                }
            }
        }
    }

    static func callBacks(_ context: PageContext, _ followUps: [Record], lookups: Lookups) -> Node {
        let s = context.strings
        return self.card("call-backs", .text(s("workbench.call_backs"))) {
            if followUps.isEmpty { el("p", .class("muted")) { s("workbench.no_call_backs") } }
            el("ul", .class("results")) {
                for followUp in followUps {
                    let customer = followUp["customer_id"].integerValue ?? 0
                    el("li") {
                        el("a", .href("/customers/\(customer)")) { lookups.title("customer", customer) ?? "#\(customer)" }
                        el("span", .class("muted")) { " " + (followUp["next_date"].textValue ?? "") + " " + (followUp["next_step"].textValue ?? "") }
                    }
                }
            }
        }
    }

    static func figures(_ context: PageContext, _ bench: Workbench) -> Node {
        let s = context.strings
        let money = FieldDefinition("won", .money)
        return self.card("figures", .text(s("workbench.figures"))) {
            el("table", .class("figures")) {
                el("thead") { el("tr") { el("th") { "" }; el("th") { s("workbench.week") }; el("th") { s("workbench.month") } } }
                el("tbody") {
                    el("tr") { el("th") { s("workbench.new_customers") }; el("td") { String(bench.week.newCustomers) }; el("td") { String(bench.month.newCustomers) } }
                    el("tr") { el("th") { s("workbench.follow_ups") }; el("td") { String(bench.week.followUps) }; el("td") { String(bench.month.followUps) } }
                    el("tr") {
                        el("th") { s("workbench.won") }
                        for figures in [bench.week, bench.month] {
                            el("td") { money.display(.integer(figures.wonAmount), entity: "", strings: s, timeZone: context.timeZone, lookups: Lookups()) }
                        }
                    }
                }
            }
        }
    }

    static func approvals(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        return self.card("approvals", .text(s("approval.waiting", ["count": model.approvals.count > 20 ? "20+" : String(model.approvals.count)]))) {
            el("ul", .class("results")) {
                for item in model.approvals.prefix(20) {
                    el("li") {
                        el("a", .href(context.path(item.entity, item.recordId) ?? "/")) { model.approvalTitles[item.approvalId] ?? "#\(item.recordId)" }
                        el("span", .class("muted")) { " " + item.flowName + " · " + context.time(item.createdAt) }
                    }
                }
            }
        }
    }

    static func reviews(_ context: PageContext, _ waiting: [Record]) -> Node {
        let s = context.strings
        let customers = context.catalog.entity(EntityKey.customer)!
        return self.card("reviews", el("a", .href("/customers?filter%5Breview%5D=pending")) { s("review.waiting", ["count": waiting.count > 20 ? "20+" : String(waiting.count)]) }) {
            el("ul", .class("results")) {
                for record in waiting.prefix(20) { el("li") { el("a", .href("/customers/\(record.id)")) { record.title(customers) } } }
            }
        }
    }

    static func recent(_ context: PageContext, _ model: Model) -> Node {
        let s = context.strings
        let customers = context.catalog.entity(EntityKey.customer)!
        return el("section", .class("card")) {
            el("div", .class("toolbar")) {
                el("h2") { s("home.recent") }
                if context.identity?.actor.can(.create, on: EntityKey.customer) ?? false { el("a", .href("/customers/new"), .class("button primary")) { s("action.new") } }
            }
            if model.recent.isEmpty { el("p", .class("muted")) { s("list.empty") } }
            el("ul", .class("results")) {
                for record in model.recent {
                    el("li") {
                        el("a", .href("/customers/\(record.id)")) { record.title(customers) }
                        el("span", .class("muted")) { " " + (record.ownerId.flatMap { model.recentLookups.users[$0] } ?? "") + " · " + context.time(record.updatedAt) }
                    }
                }
            }
        }
    }

    static func notices(_ context: PageContext, _ notices: [Notice]) -> Node {
        let s = context.strings
        return el("section", .class("card"), .id("notices")) {
            el("div", .class("toolbar")) {
                el("h2") { el("a", .href("/notifications?unread=1")) { s("notice.title") } }
                el("form", .class("inline"), Attribute("method", "post"), .action("/notifications/read")) {
                    context.csrfField
                    el("input", .type("hidden"), .name("back"), .value("/"))
                    el("button", .type("submit"), .class("link")) { s("notice.mark_read") }
                }
            }
            el("ul", .class("results")) {
                for notice in notices {
                    el("li") {
                        el("a", .href("/notifications/\(notice.id)")) {
                            NoticeText.text(notice, strings: s, timeZone: context.timeZone, catalog: context.catalog)
                        }
                    }
                }
            }
        }
    }
}
