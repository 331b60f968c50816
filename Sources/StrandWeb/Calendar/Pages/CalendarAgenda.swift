import Foundation
import StrandCore
import StrandStore

/// A week as a phone shows it: each day a heading and what it holds, in order (what is due and
/// the all-day events, then the timed ones by their time), rather than seven columns of empty
/// half-hours. The page carries it beside the columns; the style sheet shows one or the other.
enum CalendarAgenda {
    static func render(_ window: CalendarWindow, entries: [CalendarEntry], due: [DueItem], context: PageContext) -> Node {
        let (s, today) = (context.strings, CalendarPage.today(context))
        return el("div", .class("calendar-agenda"), .id("calendar-agenda")) {
            for frame in DayFrame.days(window, timeZone: context.timeZone) {
                let day = frame.day
                let held = frame.held(entries).sorted { ($0.entry.allDay ? 0 : 1, $0.entry.start) < ($1.entry.allDay ? 0 : 1, $1.entry.start) }
                let dueToday = due.filter { $0.day == day }
                el("section", .class(day == today ? "agenda-day today" : "agenda-day"), .data("data-day", day.description)) {
                    el("a", .href(CalendarPage.link(.day, day)), .class("agenda-date")) { CalendarPage.dayHeading(day, today: today, s) }
                    el("ul") {
                        for item in dueToday.prefix(CalendarPage.duePerDay) { el("li") { CalendarPage.dueLink(item, s) } }
                        if dueToday.count > CalendarPage.duePerDay {
                            el("li", .class("muted")) {
                                el("a", .href(CalendarPage.link(.day, day))) { s("calendar.more", ["n": String(dueToday.count - CalendarPage.duePerDay)]) }
                            }
                        }
                        for item in held {
                            el("li") { CalendarPage.entryLink(item.entry, s, context: context, frame: frame, draggable: false) }
                        }
                        if held.isEmpty && dueToday.isEmpty { el("li", .class("muted")) { s("calendar.nothing") } }
                    }
                }
            }
        }
    }
}
