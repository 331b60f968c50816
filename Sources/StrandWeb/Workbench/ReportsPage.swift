import StrandCore
import StrandStore
import Vapor

/// The pages of work reports: one's own list, the form (done, plan, problems), a report with
/// its comment, and the team's hand-ins for a period.
enum ReportsPage {
    static func index(_ context: PageContext, reports: [WorkReport], hasTeam: Bool) -> Response {
        let s = context.strings
        let today = DateTimeText.day(Clock.millis(), timeZone: context.timeZone)
        return Layout.render(context, title: s("report.title")) {
            el("div", .class("page-head")) {
                el("h1") { s("report.title") }
                el("a", .href("/reports/daily/\(today)"), .class("button primary"), .id("write-daily")) { s("report.write_daily") }
                el("a", .href("/reports/weekly/\(WorkReport.period(of: today, kind: .weekly))"), .class("button")) { s("report.write_weekly") }
                if hasTeam { el("a", .href("/reports/team"), .class("button"), .id("team-reports")) { s("report.team") } }
            }
            el("section", .class("card")) {
                if reports.isEmpty { el("p", .class("muted")) { s("list.empty") } }
                el("ul", .class("results")) {
                    for report in reports {
                        el("li") {
                            el("a", .href("/reports/view/\(report.id)")) { self.name(report, s) }
                            el("span", .class("muted")) { " " + context.time(report.submittedAt) + (report.commentedAt == nil ? "" : " · " + s("report.commented")) }
                        }
                    }
                }
            }
        }
    }

    static func name(_ report: WorkReport, _ s: Strings) -> String {
        s("report.kind.\(report.kind.rawValue)") + " " + report.period.description
    }

    static func form(_ context: PageContext, report: WorkReport, saved: Bool, errors: [String: FieldError],
                     status: HTTPResponseStatus = .ok) -> Response {
        let s = context.strings
        guard report.commentedAt == nil else {
            return self.view(context, report: report, author: nil, commenter: nil, error: nil)
        }
        return Layout.render(context, title: self.name(report, s), status: status) {
            el("h1") { self.name(report, s) }
            if saved { el("p", .class("alert success"), Attribute("role", "status")) { s("report.submitted", ["at": context.time(report.submittedAt)]) } }
            el("form", Attribute("method", "post"), .action("/reports/\(report.kind.rawValue)/\(report.period)"), .class("card"), .id("report-form"),
               Attribute(flag: "novalidate", true)) {
                context.csrfField
                for (key, text) in [("done", report.done), ("plan", report.plan), ("problems", report.problems)] {
                    LabelledField.render(context, id: "report-\(key)", label: s("report.\(key).\(report.kind.rawValue)"), error: errors[key],
                        el("textarea", .id("report-\(key)"), .name(key), Attribute("rows", key == "done" ? "8" : "4"),
                           Attribute("maxlength", String(WorkReports.maxLength))) { text })
                }
                el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s(saved ? "report.resubmit" : "report.submit") } }
            }
        }
    }

    /// `typed` is a refused comment, shown again to be put right; after a comment is sent the
    /// box is empty, the comment shown above it.
    static func view(_ context: PageContext, report: WorkReport, author: User?, commenter: String?, error: FieldError?,
                     typed: String = "", status: HTTPResponseStatus = .ok) -> Response {
        let s = context.strings
        let reader = context.identity?.user.id
        return Layout.render(context, title: self.name(report, s), status: status) {
            el("h1") { (author.map { $0.name + " · " } ?? "") + self.name(report, s) }
            el("section", .class("card report")) {
                for (key, text) in [("done", report.done), ("plan", report.plan), ("problems", report.problems)] where !text.isEmpty {
                    el("h2") { s("report.\(key).\(report.kind.rawValue)") }
                    el("p", .class("note-text")) { text }
                }
                el("p", .class("muted")) { s("report.submitted", ["at": context.time(report.submittedAt)]) }
            }
            if let at = report.commentedAt {
                el("section", .class("card"), .id("report-comment")) {
                    el("h2") { s("report.comment") }
                    el("p", .class("note-text")) { report.comment }
                    el("p", .class("muted")) { (commenter.map { $0 + " · " } ?? "") + context.time(at) }
                }
            }
            if report.userId == reader, report.commentedAt == nil {
                el("p") { el("a", .href("/reports/\(report.kind.rawValue)/\(report.period)"), .class("button")) { s("action.edit") } }
            }
            if report.userId != reader {
                el("form", Attribute("method", "post"), .action("/reports/view/\(report.id)/comment"), .class("card"), .id("comment-form")) {
                    context.csrfField
                    OnceToken.hiddenField
                    LabelledField.render(context, id: "report-comment-text", label: s("report.comment"), error: error,
                        el("textarea", .id("report-comment-text"), .name("comment"), Attribute("rows", "3")) { typed })
                    el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("report.send_comment") } }
                }
            }
        }
    }

    static func team(_ context: PageContext, kind: WorkReport.Kind, period: CalendarDay, members: [User], reports: [Int64: WorkReport]) -> Response {
        let s = context.strings
        let step = kind == .daily ? 1 : 7
        let handedIn = members.filter { reports[$0.id] != nil }.count
        return Layout.render(context, title: s("report.team")) {
            el("div", .class("page-head")) {
                el("h1") { s("report.team") + " · " + s("report.kind.\(kind.rawValue)") + " " + period.description }
            }
            el("nav", .class("tabs")) {
                el("a", .href("/reports/team?kind=\(kind.rawValue)&day=\(period.adding(days: -step))"), .class("button"), .aria(label: s("calendar.previous"))) { "‹" }
                el("a", .href("/reports/team?kind=\(kind.rawValue)&day=\(period.adding(days: step))"), .class("button"), .aria(label: s("calendar.next"))) { "›" }
                for other in WorkReport.Kind.allCases {
                    el("a", .href("/reports/team?kind=\(other.rawValue)&day=\(period)"), .class(other == kind ? "button primary" : "button")) { s("report.kind.\(other.rawValue)") }
                }
            }
            el("section", .class("card")) {
                el("p") { s("report.handed_in", ["n": String(handedIn), "total": String(members.count)]) }
                el("table", .id("team-reports")) {
                    el("tbody") {
                        for member in members {
                            el("tr", .data("data-user", String(member.id))) {
                                el("th") { member.name }
                                if let report = reports[member.id] {
                                    el("td", .class("submitted")) {
                                        el("a", .href("/reports/view/\(report.id)")) { s("report.state.submitted") }
                                        el("span", .class("muted")) { " " + context.time(report.submittedAt) + (report.commentedAt == nil ? "" : " · " + s("report.commented")) }
                                    }
                                } else {
                                    el("td", .class("missing")) { s("report.state.missing") }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
