import Foundation

/// What a record reminds its people of: the start of an event (a date-time field, repeating
/// when the record repeats) or a day something is due (a date field), unless it is finished.
public struct ReminderAnchor: Sendable {
    public let field: String
    /// The field and the values that mean there is nothing left to remind of (a task done).
    public let finishedWhen: (field: String, values: Set<String>)?

    public init(field: String, finishedWhen: (field: String, values: Set<String>)? = nil) {
        (self.field, self.finishedWhen) = (field, finishedWhen)
    }
}

/// How long before things a person wants to be reminded: minutes before an event starts, days
/// before a due day at an hour of their clock. Nil lead times switch that reminder off.
public struct ReminderLead: Sendable, Equatable {
    public var eventMinutes: Int?
    public var dueDays: Int?
    public var dueHour: Int
    public var timeZone: TimeZone

    public static let defaultEventMinutes = 15
    public static let defaultDueHour = 9

    public init(eventMinutes: Int? = Self.defaultEventMinutes, dueDays: Int? = 0, dueHour: Int = Self.defaultDueHour, timeZone: TimeZone) {
        (self.eventMinutes, self.dueDays, self.dueHour, self.timeZone) = (eventMinutes, dueDays, dueHour, timeZone)
    }
}

/// One reminder to send: of the time `occurs` (an event's start, or a due day's midnight), at `fire`.
public struct ReminderTime: Sendable, Equatable {
    public let occurs: Int64
    public let fire: Int64

    public init(occurs: Int64, fire: Int64) {
        (self.occurs, self.fire) = (occurs, fire)
    }

    /// The next reminder the values call for, of a time later than `after` (the last one sent,
    /// or now), never fired before `now`: a reminder whose lead time has already begun goes at once.
    public static func next(_ anchor: ReminderAnchor, field type: FieldType, values: [String: FieldValue], lead: ReminderLead,
                            after: Int64, now: Int64) -> ReminderTime? {
        if let finished = anchor.finishedWhen, let value = values[finished.field]?.textValue, finished.values.contains(value) { return nil }
        switch type {
        case .date:
            guard let days = lead.dueDays, let text = values[anchor.field]?.textValue,
                  let day = CalendarDay(text) else { return nil }
            let midnight = day.start(in: lead.timeZone)
            guard midnight > after, day.adding(days: 1).start(in: lead.timeZone) > now else { return nil }
            let fire = day.adding(days: -days).start(in: lead.timeZone) + Int64(lead.dueHour) * 3_600_000
            return ReminderTime(occurs: midnight, fire: max(fire, now))
        default:
            guard let minutes = lead.eventMinutes, let timing = EventTiming(values: values, startField: anchor.field) else { return nil }
            let from = max(after, now) + 1, window = max(from, timing.start)
            guard let start = timing.occurrences(overlapping: window, window + 400 * 86_400_000, limit: 2).first(where: { $0.start >= from })?.start
            else { return nil }
            return ReminderTime(occurs: start, fire: max(start - Int64(minutes) * 60_000, now))
        }
    }
}

extension EventTiming {
    /// The timing a record's values hold, nil without a start.
    public init?(values: [String: FieldValue], startField: String = "starts_at") {
        guard let start = values[startField]?.integerValue else { return nil }
        self.init(start: start, end: values["ends_at"]?.integerValue, repetition: values["repetition"]?.textValue ?? "",
                  until: values["repeat_until"]?.textValue ?? "", timeZone: values["time_zone"]?.textValue ?? "")
    }
}
