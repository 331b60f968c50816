import Foundation
import StrandCore
import StrandStore
import Vapor

/// The private iCalendar feed of a person's events and tasks (C6), read by calendars that
/// cannot sign in: the secret in its address is the key. Each event keeps one UID and counts
/// its versions as SEQUENCE, so a subscriber replaces what changed instead of adding it again.
enum CalendarFeedController {
    static func register(public app: any RoutesBuilder, account: any RoutesBuilder) {
        app.get("calendar", "feed", ":token", use: self.feed)
        account.post("calendar-feed", use: self.renew)
        account.post("calendar-feed", "delete", use: self.revoke)
    }

    static func feed(_ request: Request) async throws -> Response {
        let token = (request.parameters.get("token") ?? "").replacingOccurrences(of: ".ics", with: "")
        let strand = request.strand
        let found = try await strand.database.read { db -> (User, [Record], [Record])? in
            guard let user = try await CalendarFeeds.user(token: token, db: db) else { return nil }
            let items = try await CalendarFeeds.items(userId: user.id, now: Clock.millis(), catalog: strand.catalog, db: db)
            return (user, items.events, items.tasks)
        }
        guard let (user, events, tasks) = found else { throw Abort(.notFound) }
        let strings = Strings(Language(rawValue: user.language) ?? .zhHans)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(string: self.calendar(user, events, tasks, strings)))
    }

    static func calendar(_ user: User, _ events: [Record], _ tasks: [Record], _ s: Strings) -> String {
        let zone = TimeZone(identifier: user.timeZone) ?? JobScheduler.companyTimeZone
        var ics = ICalendarText()
        for (name, value) in [("BEGIN", "VCALENDAR"), ("VERSION", "2.0"), ("PRODID", "-//Strand//Strand CRM//ZH"), ("CALSCALE", "GREGORIAN"),
                              ("METHOD", "PUBLISH"), ("X-WR-TIMEZONE", zone.identifier)] { ics.raw(name, value) }
        ics.text("X-WR-CALNAME", s("app.name") + " · " + user.name)
        let timings = events.compactMap { EventTiming(values: $0.values) }
        for zone in Set(timings.map(\.timeZone) + [zone]) { self.timeZone(zone, into: &ics) }
        for (event, timing) in zip(events, timings) { self.event(event, timing, s, into: &ics) }
        for task in tasks { self.task(task, s, into: &ics) }
        ics.raw("END", "VCALENDAR")
        return ics.rendered
    }

    /// A zone without daylight saving (China's) as its one offset; others by their IANA name alone.
    static func timeZone(_ zone: TimeZone, into ics: inout ICalendarText) {
        guard zone.nextDaylightSavingTimeTransition == nil else { return }
        let seconds = zone.secondsFromGMT()
        let offset = String(format: "%@%02d%02d", seconds < 0 ? "-" : "+", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
        for (name, value) in [("BEGIN", "VTIMEZONE"), ("TZID", zone.identifier), ("BEGIN", "STANDARD"), ("DTSTART", "19700101T000000"),
                              ("TZOFFSETFROM", offset), ("TZOFFSETTO", offset), ("END", "STANDARD"), ("END", "VTIMEZONE")] { ics.raw(name, value) }
    }

    static func event(_ event: Record, _ timing: EventTiming, _ s: Strings, into ics: inout ICalendarText) {
        ics.raw("BEGIN", "VEVENT")
        self.identity("event", event, into: &ics)
        if event["all_day"] == .bool(true) {
            let first = DateTimeText.day(timing.start, timeZone: timing.timeZone), last = DateTimeText.day(timing.end, timeZone: timing.timeZone)
            ics.raw("DTSTART;VALUE=DATE", ICalendarText.date(first))
            ics.raw("DTEND;VALUE=DATE", ICalendarText.date(last.adding(days: 1)))
        } else {
            let zone = ";TZID=" + timing.timeZone.identifier
            ics.raw("DTSTART" + zone, ICalendarText.local(timing.start, timing.timeZone))
            ics.raw("DTEND" + zone, ICalendarText.local(timing.end, timing.timeZone))
        }
        if let rule = ICalendarText.rule(timing) { ics.raw("RRULE", rule) }
        ics.text("SUMMARY", event["subject"].textValue ?? "")
        if let kind = event["kind"].textValue { ics.text("CATEGORIES", s.choice("event", "kind", kind)) }
        if let place = event["place"].textValue, !place.isEmpty { ics.text("LOCATION", place) }
        if let description = event["description"].textValue, !description.isEmpty { ics.text("DESCRIPTION", description) }
        if event["private"] == .bool(true) { ics.raw("CLASS", "PRIVATE") }
        ics.raw("END", "VEVENT")
    }

    static let taskStatus = ["open": "NEEDS-ACTION", "in_progress": "IN-PROCESS", "done": "COMPLETED", "cancelled": "CANCELLED"]
    static let taskPriority = ["urgent": "1", "high": "3", "normal": "5", "low": "9"]

    static func task(_ task: Record, _ s: Strings, into ics: inout ICalendarText) {
        guard let due = task["due_date"].textValue.flatMap(CalendarDay.init) else { return }
        ics.raw("BEGIN", "VTODO")
        self.identity("task", task, into: &ics)
        ics.raw("DUE;VALUE=DATE", ICalendarText.date(due))
        ics.text("SUMMARY", task["subject"].textValue ?? "")
        if let status = task["status"].textValue.flatMap({ self.taskStatus[$0] }) { ics.raw("STATUS", status) }
        if let priority = task["priority"].textValue.flatMap({ self.taskPriority[$0] }) { ics.raw("PRIORITY", priority) }
        if let description = task["description"].textValue, !description.isEmpty { ics.text("DESCRIPTION", description) }
        ics.raw("END", "VTODO")
    }

    /// The stable UID, the version as SEQUENCE and when it last changed.
    static func identity(_ kind: String, _ record: Record, into ics: inout ICalendarText) {
        ics.raw("UID", "\(kind)-\(record.id)@strand")
        ics.raw("DTSTAMP", ICalendarText.utc(record.updatedAt))
        ics.raw("LAST-MODIFIED", ICalendarText.utc(record.updatedAt))
        ics.raw("SEQUENCE", String(record.version - 1))
    }

    /// A new secret address, shown once on the account page.
    static func renew(_ request: Request) async throws -> Response {
        let context = try request.writeContext()
        let token = try await request.strand.database.write { try await CalendarFeeds.renew(context: context, now: Clock.millis(), db: $0) }
        let host = request.headers.first(name: .host) ?? "localhost"
        let scheme = request.headers.first(name: "X-Forwarded-Proto") == "https" ? "https" : "http"
        return try await AccountController.show(request, message: nil, errors: [:], newToken: nil,
                                                newFeed: "\(scheme)://\(host)/calendar/feed/\(token).ics")
    }

    static func revoke(_ request: Request) async throws -> Response {
        let context = try request.writeContext()
        try await request.strand.database.write { try await CalendarFeeds.revoke(context: context, db: $0) }
        return request.redirect(to: "/account")
    }
}
