import Foundation
import StrandCore
import StrandStore
import Vapor

/// The calendar (C1): `/calendar?view=day|week|month&day=2026-11-24` shows the reader's events
/// around a day (the week of today by default); `GET /api/v1/calendar?from=2026-11-23&to=2026-11-30`
/// lists the times the reader's events (or `owner`'s, within the reader's scope) are held,
/// repeating ones once per time.
enum CalendarController {
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.get("calendar", use: self.show)
        api.get("calendar", use: self.list)
    }

    static func show(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        guard identity.actor.can(.view, on: EntityKey.event) else { throw RecordError.forbidden }
        let view = ((try? request.query.get(String.self, at: "view")).flatMap(CalendarWindow.View.init(rawValue:))) ?? .week
        let anchor = (try? request.query.get(String.self, at: "day")).flatMap(CalendarDay.init) ?? DateTimeText.day(Clock.millis(), timeZone: identity.timeZone)
        let window = CalendarWindow(view, around: anchor)
        let (from, to) = window.range(in: identity.timeZone)
        if view == .team { return try await self.team(request, window: window) }
        let reader = identity.actor.userId
        let entries = try await request.strand.database.calendar(owners: [reader], from: from, to: to, reader: reader,
                                                                 scope: identity.actor.filter(.view, on: EntityKey.event))
        let due = try await request.strand.database.dueItems(owner: reader, from: window.first, to: window.first.adding(days: window.days))
        return CalendarPage.render(PageContext(request), window: window, entries: entries, due: due)
    }

    /// The members of a department (the reader's own unless another is asked for), active
    /// ones only, with every event of theirs in the week, shown as the reader may see it.
    static func team(_ request: Request, window: CalendarWindow) async throws -> Response {
        let identity = try request.requireIdentity()
        let asked = try? request.query.get(Int64.self, at: "department")
        let departments = try await request.strand.database.read { try await Directory.departments(db: $0) }
        let department = departments.first { $0.id == (asked ?? identity.user.departmentId) }
        var members: [User] = []
        if let department { members = try await request.strand.database.read { try await Directory.members(of: department.id, db: $0) } }
        let (from, to) = window.range(in: identity.timeZone)
        let entries = try await request.strand.database.teamCalendar(members: members.map(\.id), from: from, to: to, reader: identity.actor.userId,
                                                                     visible: identity.actor.filter(.view, on: EntityKey.event))
        return TeamCalendarPage.render(PageContext(request), TeamCalendarPage.Model(window: window, department: department, departments: departments,
                                                                                    members: members, entries: entries))
    }

    static func list(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        guard identity.actor.can(.view, on: EntityKey.event) else { throw RecordError.forbidden }
        let day = { (name: String) in (try? request.query.get(String.self, at: name)).flatMap(CalendarDay.init) }
        guard let first = day("from"), let last = day("to"), first < last, last.daysSinceEpoch - first.daysSinceEpoch <= 62 else {
            throw RecordError.invalid(ValidationFailure(["to": FieldError("calendar_range", ["days": "62"])]))
        }
        let owner = (try? request.query.get(Int64.self, at: "owner")) ?? identity.actor.userId
        let entries = try await request.strand.database.calendar(
            owners: [owner], from: first.start(in: identity.timeZone), to: last.start(in: identity.timeZone),
            reader: identity.actor.userId, scope: identity.actor.filter(.view, on: EntityKey.event))
        return .json(.object(["data": .array(entries.map(self.json))]))
    }

    /// One time an event is held, as the API gives it (the calendar, and the conflicts of a new event).
    static func json(_ entry: CalendarEntry) -> JSON {
        .object(["event_id": .int(entry.eventId), "owner_id": .int(entry.ownerId), "subject": .string(entry.subject), "kind": .string(entry.kind),
                 "place": .string(entry.place), "starts_at": .string(DateTimeText.iso(entry.start)), "ends_at": .string(DateTimeText.iso(entry.end)),
                 "all_day": .bool(entry.allDay), "occurrence": .int(Int64(entry.occurrence)), "repeating": .bool(entry.repeating),
                 "busy_only": .bool(entry.busyOnly), "attendees": .array(entry.attendees.map { .int($0) })])
    }
}
