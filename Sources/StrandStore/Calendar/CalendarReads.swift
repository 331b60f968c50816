import Foundation
import SQLKit
import StrandCore

/// One time an event is held, as a calendar shows it. `busyOnly` hides what someone else's
/// private event is: the reader sees that its owner is busy, not with what.
public struct CalendarEntry: Sendable, Equatable {
    public let eventId: Int64
    public let ownerId: Int64?
    public let subject: String
    public let kind: String
    public let place: String
    public let start: Int64
    public let end: Int64
    public let allDay: Bool
    public let occurrence: Int
    public let repeating: Bool
    public let busyOnly: Bool
    /// Whose time it takes: its owner and the participants who have not declined.
    public var attendees: [Int64] = []
}

extension StoreDatabase {
    /// The times the events of `owners` are held in [from, to), in order, as far as `scope`
    /// (the reader's view of events) reaches; `reader` sees their own private events whole.
    public func calendar(owners: [Int64], from: Int64, to: Int64, reader: Int64, scope: ScopeFilter) async throws -> [CalendarEntry] {
        try await self.held(owners: owners, from: from, to: to, reader: reader, reach: scope, visible: scope)
    }

    /// Which of `users` are busy at some moment of [from, to), and with what (C2): every event
    /// of theirs counts, whoever asks; one the reader may not see (or someone else's private
    /// one) shows only as busy. An event without length asks about its minute.
    public func conflicts(users: [Int64], from: Int64, to: Int64, excluding eventId: Int64? = nil, reader: Int64,
                          visible: ScopeFilter) async throws -> [CalendarEntry] {
        try await self.held(owners: users, from: from, to: max(to, from + 60_000), reader: reader, reach: ScopeFilter(.everything), visible: visible)
            .filter { $0.eventId != eventId }
    }

    /// The times some people are taken in [from, to), whoever's events take them: what the
    /// reader may not see shows only as busy (a team's week side by side).
    public func teamCalendar(members: [Int64], from: Int64, to: Int64, reader: Int64, visible: ScopeFilter) async throws -> [CalendarEntry] {
        try await self.held(owners: members, from: from, to: to, reader: reader, reach: ScopeFilter(.everything), visible: visible)
    }

    /// Single events are found by start in the (owner, repetition, multi-day, start) index, no
    /// earlier than a day before the window (a month for the few lasting longer); repeating ones
    /// are expanded on their own wall clock.
    func held(owners: [Int64], from: Int64, to: Int64, reader: Int64, reach: ScopeFilter, visible: ScopeFilter) async throws -> [CalendarEntry] {
        try await self.read { try await Self.held(owners: owners, from: from, to: to, reader: reader, reach: reach, visible: visible, db: $0) }
    }

    static func held(owners: [Int64], from: Int64, to: Int64, reader: Int64, reach: ScopeFilter, visible: ScopeFilter,
                     db: any SQLDatabase) async throws -> [CalendarEntry] {
        guard !owners.isEmpty, from < to else { return [] }
        let columns = SQLRaw("""
            id, owner_id, department_id, subject, kind, place, starts_at, ends_at, all_day, private, repetition, repeat_until, time_zone, participants
            """)
        let firstDay = DateTimeText.day(from - EventRules.longest, timeZone: TimeZone(identifier: "UTC")!).description
        // Ranges of two indexes, each read by itself (an OR of them would have the planner
        // read every event of the owners): single events by start, repeating ones still
        // repeating by their last day.
        let repeating = SQLGroupExpression.binds(Repetition.allCases.map(\.rawValue))
        let mine = SQLQueryString("owner_id IN \(SQLGroupExpression.binds(owners)) AND deleted_at IS NULL AND (\(reach.condition))")
        var rows = try await db.plainRows("""
                SELECT \(columns) FROM events WHERE \(mine) AND repetition = '' AND multi_day = 0
                  AND starts_at >= \(bind: from - EventRules.day) AND starts_at < \(bind: to) AND (ends_at > \(bind: from) OR starts_at >= \(bind: from))
                UNION ALL
                SELECT \(columns) FROM events WHERE \(mine) AND repetition = '' AND multi_day = 1
                  AND starts_at >= \(bind: from - EventRules.longest) AND starts_at < \(bind: to)
                UNION ALL
                SELECT \(columns) FROM events WHERE \(mine) AND repetition IN \(repeating) AND repeat_until = '' AND starts_at < \(bind: to)
                UNION ALL
                SELECT \(columns) FROM events WHERE \(mine) AND repetition IN \(repeating) AND repeat_until >= \(bind: firstDay)
                  AND starts_at < \(bind: to)
                """).map(EventRow.init)
        // Events they are invited to, by the invitations still held in the window: on their
        // calendars whoever owns them.
        let owned = Set(rows.map(\.id))
        let guest = SQLQueryString("user_id IN \(SQLGroupExpression.binds(owners)) AND response <> 'declined'")
        let invited = try await db.raw("""
            SELECT event_id FROM event_responses WHERE \(guest) AND repeating = 0
              AND starts_at >= \(bind: from - EventRules.longest) AND starts_at < \(bind: to)
            UNION
            SELECT event_id FROM event_responses WHERE \(guest) AND repeating = 1 AND starts_at < \(bind: to)
              AND (ends_by IS NULL OR ends_by > \(bind: from))
            """).all().map { try $0.decode(column: "event_id", as: Int64.self) }.filter { !owned.contains($0) }
        if !invited.isEmpty {
            rows += try await db.plainRows("""
                SELECT \(columns) FROM events WHERE id IN \(SQLGroupExpression.binds(invited)) AND deleted_at IS NULL AND starts_at < \(bind: to)
                """).map(EventRow.init)
        }
        let declined = try await Invitations.declined(eventIds: rows.filter { !$0.participants.isEmpty }.map(\.id), db: db)
        var entries: [CalendarEntry] = []
        // Nearly every event keeps the same zone, and looking one up by name takes a lock.
        var zones: [String: TimeZone] = [:]
        let zone = { (name: String) -> TimeZone in
            if let known = zones[name] { return known }
            let found = TimeZone(identifier: name) ?? EventTiming.defaultZone
            zones[name] = found
            return found
        }
        for row in rows {
            let timing = EventTiming(start: row.start, end: row.end ?? row.start, repetition: Repetition(rawValue: row.repetition),
                                     until: CalendarDay(row.until), timeZone: zone(row.timeZone))
            let guests = row.participants.split(separator: "|").compactMap { Int64($0) }
            let attendees = (row.owner.map { [$0] } ?? []) + guests.filter { $0 != row.owner && !(declined[row.id]?.contains($0) ?? false) }
            let attending = attendees.contains(reader)
            let hidden = (row.isPrivate && !attending) || (!attending && !visible.allows(owner: row.owner, department: row.department))
            let held = timing.occurrences(overlapping: from, to)
            guard !held.isEmpty else { continue }
            let (subject, kind, place) = hidden ? ("", "", "") : (row.subject, row.kind, row.place)
            for time in held {
                entries.append(CalendarEntry(eventId: row.id, ownerId: row.owner, subject: subject, kind: kind, place: place, start: time.start, end: time.end,
                                             allDay: row.allDay, occurrence: time.index, repeating: timing.repetition != nil, busyOnly: hidden,
                                             attendees: attendees))
            }
        }
        return entries.sorted { ($0.start, $0.eventId, $0.occurrence) < ($1.start, $1.eventId, $1.occurrence) }
    }
}

/// An event as the calendar reads it, by the positions of `held`'s columns.
private struct EventRow {
    let id: Int64, owner: Int64?, department: Int64?
    let subject: String, kind: String, place: String
    let start: Int64, end: Int64?
    let repetition: String, until: String, timeZone: String
    let allDay: Bool, isPrivate: Bool
    let participants: String

    init(_ cells: [Cell]) {
        (self.id, self.owner, self.department) = (cells[0].int ?? 0, cells[1].int, cells[2].int)
        (self.subject, self.kind, self.place) = (cells[3].string, cells[4].string, cells[5].string)
        (self.start, self.end) = (cells[6].int ?? 0, cells[7].int)
        (self.repetition, self.until, self.timeZone) = (cells[10].string, cells[11].string, cells[12].string)
        (self.allDay, self.isPrivate, self.participants) = (cells[8].flag, cells[9].flag, cells[13].string)
    }
}

/// Something due on a day of a person's calendar: a task's due day, or the next follow-up a
/// follow-up record promised (C1), shown beside the day's events and opening its record.
public struct DueItem: Sendable, Equatable {
    public enum Kind: String, Sendable { case task, followUp = "follow_up" }
    public let kind: Kind
    public let day: CalendarDay
    public let title: String
    public let path: String
}

extension StoreDatabase {
    /// `owner`'s open tasks due and promised follow-ups on the days [first, end), by day, the
    /// first `limit` of each (a calendar shows a few a day and links to the rest).
    public func dueItems(owner: Int64, from first: CalendarDay, to end: CalendarDay, limit: Int = 300) async throws -> [DueItem] {
        let (from, to) = (first.description, end.description)
        return try await self.read { db in
            let tasks = try await db.raw("""
                SELECT id, subject, due_date FROM tasks WHERE owner_id = \(bind: owner) AND status IN ('open', 'in_progress')
                  AND due_date >= \(bind: from) AND due_date < \(bind: to) AND deleted_at IS NULL ORDER BY due_date LIMIT \(bind: limit)
                """).all().compactMap { row -> DueItem? in
                guard let day = CalendarDay(try row.text("due_date") ?? "") else { return nil }
                return DueItem(kind: .task, day: day, title: try row.text("subject") ?? "", path: "/tasks/\(try row.decode(column: "id", as: Int64.self))")
            }
            let followUps = try await db.raw("""
                SELECT f.customer_id, f.next_date, f.next_step, c.name FROM follow_ups f JOIN customers c ON c.id = f.customer_id
                WHERE f.owner_id = \(bind: owner) AND f.next_date >= \(bind: from) AND f.next_date < \(bind: to) AND f.deleted_at IS NULL
                ORDER BY f.next_date LIMIT \(bind: limit)
                """).all().compactMap { row -> DueItem? in
                guard let day = CalendarDay(try row.text("next_date") ?? ""), let customer = try row.integer("customer_id") else { return nil }
                let step = try row.text("next_step") ?? ""
                return DueItem(kind: .followUp, day: day, title: (try row.text("name") ?? "") + (step.isEmpty ? "" : "：" + step), path: "/customers/\(customer)")
            }
            return (tasks + followUps).sorted { ($0.day, $0.kind.rawValue, $0.title) < ($1.day, $1.kind.rawValue, $1.title) }
        }
    }
}
