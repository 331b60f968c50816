import StrandCore
import StrandStore
import Vapor

/// A department's week side by side (C2): a row per member, a cell per day with the times they
/// are taken. What the reader may not see, and others' private events, show only as busy.
enum TeamCalendarPage {
    struct Model {
        let window: CalendarWindow
        let department: Department?
        let departments: [Department]
        let members: [User]
        let entries: [CalendarEntry]
    }

    static func render(_ context: PageContext, _ model: Model) -> Response {
        let s = context.strings
        var taken: [Int64: [CalendarEntry]] = [:]
        for entry in model.entries { for person in entry.attendees { taken[person, default: []].append(entry) } }
        let frames = DayFrame.days(model.window, timeZone: context.timeZone)
        return Layout.render(context, title: s("calendar.view.team")) {
            CalendarPage.head(context, model.window, department: model.department?.id)
            el("form", .class("inline"), Attribute("method", "get"), .action("/calendar"), .id("team-department")) {
                el("input", .type("hidden"), .name("view"), .value("team"))
                el("input", .type("hidden"), .name("day"), .value(model.window.anchor.description))
                FieldDefinition.select([.name("department"), .aria(label: s("calendar.department"))],
                    options: model.departments.tree().map { .init(value: String($0.department.id), label: String(repeating: "　", count: $0.depth) + $0.department.name) },
                    selected: model.department.map { String($0.id) } ?? "", blank: false)
                el("button", .type("submit")) { s("calendar.show") }
            }
            if model.members.isEmpty { el("p", .class("muted")) { s("list.empty") } }
            el("div", .class("table-wrap")) {
                el("table", .class("team-week"), .id("calendar")) {
                    el("thead") {
                        el("tr") {
                            el("th") { s("calendar.member") }
                            for day in model.window.dayList {
                                el("th") { s("calendar.weekday.\(day.weekday)") + " " + String(day.description.suffix(5)) }
                            }
                        }
                    }
                    el("tbody") {
                        for member in model.members {
                            el("tr", .data("data-user", String(member.id))) {
                                el("th") { member.name }
                                for frame in frames {
                                    el("td", .data("data-day", frame.day.description)) {
                                        Node.links(frame.held(taken[member.id] ?? []).map { CalendarPage.linkParts($0.entry, s, frame: frame, timeZone: context.timeZone) })
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
