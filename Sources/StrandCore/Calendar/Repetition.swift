import Foundation

/// How an event repeats (C1): every day, week or month from its first start, on the wall clock
/// of the time zone it was planned in, until a last day or for ever. A monthly event on the 31st
/// skips the months without one, as RFC 5545 does.
public enum Repetition: String, Sendable, CaseIterable {
    case daily, weekly, monthly

    var step: (component: Calendar.Component, count: Int, atMost: Int64) {
        switch self {
        case .daily: (.day, 1, 90_000_000)
        case .weekly: (.day, 7, 608_400_000)
        case .monthly: (.month, 1, 2_682_000_000)
        }
    }
}

/// One time an event is held, from `start` to `end` (milliseconds); `index` counts the steps
/// from the first (0), skipped months included, so that it names the same time for ever.
public struct Occurrence: Sendable, Equatable {
    public let start: Int64
    public let end: Int64
    public let index: Int

    /// Whether it is held at some moment of [from, to); an event without length, at its start.
    public func overlaps(_ from: Int64, _ to: Int64) -> Bool {
        self.start < to && (self.end > from || (self.end == self.start && self.start >= from))
    }
}

/// When an event is held: its first start and end, and how it repeats.
public struct EventTiming: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var repetition: Repetition?
    /// The last day (in `timeZone`) a repetition may start on.
    public var until: CalendarDay?
    public var timeZone: TimeZone

    public init(start: Int64, end: Int64, repetition: Repetition? = nil, until: CalendarDay? = nil, timeZone: TimeZone) {
        (self.start, self.end, self.repetition, self.until, self.timeZone) = (start, max(start, end), repetition, until, timeZone)
    }

    /// The timing as an event's record stores it: an end it lacks is its start, and a time zone
    /// it lacks (or no longer known) China's.
    public init(start: Int64, end: Int64?, repetition: String, until: String, timeZone: String) {
        self.init(start: start, end: end ?? start, repetition: Repetition(rawValue: repetition), until: CalendarDay(until),
                  timeZone: TimeZone(identifier: timeZone) ?? Self.defaultZone)
    }

    public static let defaultZone = TimeZone(identifier: "Asia/Shanghai")!

    /// The times it is held that overlap [from, to), in order, at most `limit`.
    public func occurrences(overlapping from: Int64, _ to: Int64, limit: Int = 500) -> [Occurrence] {
        let length = self.end - self.start
        guard let repetition = self.repetition else {
            let only = Occurrence(start: self.start, end: self.end, index: 0)
            return only.overlaps(from, to) ? [only] : []
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = self.timeZone
        let first = Date(timeIntervalSince1970: Double(self.start) / 1000)
        let dayOfMonth = calendar.component(.day, from: first)
        let step = repetition.step
        // Straight to a few steps before the window: no step is longer than `atMost`.
        var index = max(0, Int((from - length - self.start) / step.atMost) - 1)
        var found: [Occurrence] = []
        while found.count < limit, let date = calendar.date(byAdding: step.component, value: index * step.count, to: first) {
            let start = Int64((date.timeIntervalSince1970 * 1000).rounded())
            if start >= to { break }
            if let until = self.until, DateTimeText.day(start, timeZone: self.timeZone) > until { break }
            let held = Occurrence(start: start, end: start + length, index: index)
            index += 1
            if repetition == .monthly, calendar.component(.day, from: date) != dayOfMonth { continue }
            if held.overlaps(from, to) { found.append(held) }
        }
        return found
    }
}
