import Foundation
import StrandCore
import StrandStore
import Vapor

/// A calendar page: a day or a week as columns of half-hour rows (an event's place in them is
/// a class, `at-N span-M`, since the page allows no inline styles; events at the same time
/// stand side by side), or a month as a grid of days. Links move by a page; every event opens
/// its record, and a free half hour offers a new event there. Tasks due and follow-ups promised
/// stand with the day's all-day events, in a row of their own so that the hours line up. The
/// hours scroll within the page, opened at the working day; on a phone a week is an agenda.
enum CalendarPage {
    static func render(_ context: PageContext, window: CalendarWindow, entries: [CalendarEntry], due: [DueItem]) -> Response {
        let s = context.strings
        return Layout.render(context, title: s("calendar.title")) {
            self.head(context, window)
            switch window.view {
            case .month: self.month(window, entries: entries, due: due, context: context)
            case .week:
                self.columns(window, entries: entries, due: due, context: context)
                CalendarAgenda.render(window, entries: entries, due: due, context: context)
            case .day, .team: self.columns(window, entries: entries, due: due, context: context)
            }
        }
    }

    /// The hours a page opens at (08:00) and shades as the working day (to 18:00), in half-hour rows.
    static let workingSlots = 16..<36

    static func today(_ context: PageContext) -> CalendarDay {
        DateTimeText.day(Clock.millis(), timeZone: context.timeZone)
    }

    /// The title, a new event, and the links to move by a page, to today and to the other views.
    static func head(_ context: PageContext, _ window: CalendarWindow, department: Int64? = nil) -> Node {
        let s = context.strings
        let link = { (view: CalendarWindow.View, day: CalendarDay) in self.link(view, day, department: view == .team ? department : nil) }
        return el("div") {
            el("div", .class("page-head")) {
                el("h1") { s("calendar.title") + " · " + self.heading(window, s) }
                el("a", .href("/events/new"), .class("button primary")) { s("calendar.new") }
            }
            el("nav", .class("tabs calendar-nav")) {
                el("a", .href(link(window.view, window.previous)), .class("button"), .aria(label: s("calendar.previous"))) { "‹" }
                el("a", .href(link(window.view, self.today(context))), .class("button")) { s("calendar.today") }
                el("a", .href(link(window.view, window.next)), .class("button"), .aria(label: s("calendar.next"))) { "›" }
                for view in CalendarWindow.View.allCases {
                    el("a", .href(link(view, window.anchor)), .class(view == window.view ? "button primary" : "button")) { s("calendar.view.\(view.rawValue)") }
                }
            }
        }
    }

    static func link(_ view: CalendarWindow.View, _ day: CalendarDay, department: Int64? = nil) -> String {
        "/calendar?view=\(view.rawValue)&day=\(day)" + (department.map { "&department=\($0)" } ?? "")
    }

    static func heading(_ window: CalendarWindow, _ s: Strings) -> String {
        switch window.view {
        case .day: window.anchor.description
        case .week, .team: window.first.description + " – " + window.first.adding(days: 6).description
        case .month: String(format: "%04d-%02d", window.anchor.year, window.anchor.month)
        }
    }

    static func label(_ entry: CalendarEntry, _ s: Strings, frame: DayFrame?, timeZone: TimeZone) -> String {
        let time = entry.allDay ? "" : (frame?.time(entry.start) ?? String(DateTimeText.local(entry.start, timeZone: timeZone).suffix(5))) + " "
        return time + (entry.busyOnly ? s("calendar.busy") : entry.subject)
    }

    /// Tasks and call-backs shown with a day in the week view; the rest are a link away (the day).
    static let duePerDay = 8

    /// The half-hours of a day, "00:00" to "23:30", and their rows.
    static let slotTimes = (0..<48).map { CalendarDay.padded($0 / 2, 2) + ($0 % 2 == 0 ? ":00" : ":30") }
    static let slotClasses = (0..<48).map { "calendar-free at-\($0 + 1)" + (Self.workingSlots.contains($0) ? "" : " off-hours") }

    /// A day's heading, marked when it is today.
    static func dayHeading(_ day: CalendarDay, today: CalendarDay, _ s: Strings) -> Node {
        let text = s("calendar.weekday.\(day.weekday)") + " " + String(day.description.suffix(5))
        guard day == today else { return el("h2") { text } }
        return el("h2", Attribute("aria-current", "date")) { text; el("span", .class("badge")) { s("calendar.today") } }
    }

    static func dueLink(_ item: DueItem, _ s: Strings) -> Node {
        el("a", .href(item.path), .class("calendar-entry kind-\(item.kind.rawValue)")) { s("calendar.due.\(item.kind.rawValue)") + " " + item.title }
    }

    static func columns(_ window: CalendarWindow, entries: [CalendarEntry], due: [DueItem], context: PageContext) -> Node {
        let (s, today) = (context.strings, self.today(context))
        return el("div", .class(window.view == .day ? "calendar-days one" : "calendar-days week"), .id("calendar"),
                  .data("data-opens-at", "at-\(Self.workingSlots.lowerBound + 1)")) {
            for frame in DayFrame.days(window, timeZone: context.timeZone) {
                let (day, held) = (frame.day, frame.held(entries))
                el("section", .class(day == today ? "calendar-day today" : "calendar-day"), .data("data-day", day.description)) {
                    self.dayHeading(day, today: today, s)
                    el("ul", .class("calendar-all-day"), .aria(label: s("calendar.all_day"))) {
                        let dueToday = due.filter { $0.day == day }, shown = window.view == .day ? dueToday.count : Self.duePerDay
                        for item in dueToday.prefix(shown) { el("li") { self.dueLink(item, s) } }
                        if dueToday.count > shown {
                            el("li", .class("muted")) { el("a", .href(Self.link(.day, day))) { s("calendar.more", ["n": String(dueToday.count - shown)]) } }
                        }
                        for item in held where item.entry.allDay { el("li") { self.entryLink(item.entry, s, context: context, frame: frame) } }
                    }
                    el("div", .class("calendar-slots")) {
                        let dayText = day.description, newLabel = s("calendar.new")
                        for slot in 0..<48 {
                            let at = dayText + "T" + Self.slotTimes[slot]
                            el("a", .href("/events/new?starts_at=" + at), .class(Self.slotClasses[slot]), .data("data-at", at),
                               .aria(label: newLabel)) { slot % 2 == 0 ? Self.slotTimes[slot] : "" }
                        }
                        for item in held where !item.entry.allDay {
                            let (row, span) = (item.from / 30 + 1, max(1, (item.to - item.from + 29) / 30))
                            self.entryLink(item.entry, s, context: context, frame: frame, classes: "at-\(min(row, 48)) span-\(min(span, 49 - min(row, 48)))")
                        }
                    }
                }
            }
        }
    }

    static func month(_ window: CalendarWindow, entries: [CalendarEntry], due: [DueItem], context: PageContext) -> Node {
        let (s, today) = (context.strings, self.today(context))
        return el("div", .class("calendar-month"), .id("calendar")) {
            for weekday in 0..<7 { el("div", .class("calendar-weekday")) { s("calendar.weekday.\(weekday)") } }
            for frame in DayFrame.days(window, timeZone: context.timeZone) {
                let day = frame.day
                let items = due.filter { $0.day == day }.map { self.dueLink($0, s) } + frame.held(entries).map { self.entryLink($0.entry, s, context: context, frame: frame, draggable: false) }
                let classes = ["calendar-cell", day.month == window.anchor.month ? nil : "other-month", day == today ? "today" : nil].compactMap { $0 }
                el("section", .class(classes.joined(separator: " ")), .data("data-day", day.description)) {
                    el("a", .href(self.link(.day, day)), .class("calendar-date"), Attribute("aria-current", ifPresent: day == today ? "date" : nil)) { String(day.day) }
                    el("ul") {
                        for item in items.prefix(4) { el("li") { item } }
                        if items.count > 4 { el("li", .class("muted")) { s("calendar.more", ["n": String(items.count - 4)]) } }
                    }
                }
            }
        }
    }

    /// An entry as a plain link (or a busy span) for `Node.links`.
    static func linkParts(_ entry: CalendarEntry, _ s: Strings, frame: DayFrame?, timeZone: TimeZone,
                          classes: String = "") -> (href: String?, classes: String, text: String) {
        let text = self.label(entry, s, frame: frame, timeZone: timeZone)
        let kind = "calendar-entry kind-" + (entry.busyOnly ? "busy" : entry.kind) + (classes.isEmpty ? "" : " " + classes)
        return (entry.busyOnly ? nil : "/events/\(entry.eventId)", kind, text)
    }

    /// `draggable` entries (the day and week columns) carry what the drag script needs.
    static func entryLink(_ entry: CalendarEntry, _ s: Strings, context: PageContext, frame: DayFrame? = nil, classes: String = "",
                          draggable: Bool = true) -> Node {
        guard draggable, !entry.busyOnly else {
            return Node.links([self.linkParts(entry, s, frame: frame, timeZone: context.timeZone, classes: classes)])
        }
        let text = self.label(entry, s, frame: frame, timeZone: context.timeZone)
        // The reader's own single timed events may be dragged to another time or resized.
        let movable = !entry.repeating && !entry.allDay && entry.ownerId == context.identity?.user.id
        let pattern = "yyyy-MM-dd'T'HH:mm"
        return el("a", .href("/events/\(entry.eventId)"), .class("calendar-entry kind-\(entry.kind) \(classes)"), .data("data-event", String(entry.eventId)),
                  Attribute("data-start", ifPresent: movable ? DateTimeText.local(entry.start, timeZone: context.timeZone, pattern: pattern) : nil),
                  Attribute("data-end", ifPresent: movable ? DateTimeText.local(entry.end, timeZone: context.timeZone, pattern: pattern) : nil)) { text }
    }
}
