import Foundation

/// A date without a time, checked against the calendar (no 2026-02-30).
public struct CalendarDay: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// The day `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let civil = CivilTime(millis: Int64(days) * 86_400_000, offsetSeconds: 0)
        (self.year, self.month, self.day) = (civil.year, civil.month, civil.day)
    }

    /// By arithmetic: pages print hundreds of days, and a format string costs more than the rest.
    public var description: String {
        Self.padded(self.year, 4) + "-" + Self.padded(self.month, 2) + "-" + Self.padded(self.day, 2)
    }

    public static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day) }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    public var daysSinceEpoch: Int {
        let y = self.month <= 2 ? self.year - 1 : self.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((self.month + 9) % 12) + 2) / 5 + self.day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// Midnight at the start of this day in `timeZone`, in epoch milliseconds.
    public func start(in timeZone: TimeZone) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let midnight = calendar.date(from: DateComponents(year: self.year, month: self.month, day: self.day))!
        return Int64((midnight.timeIntervalSince1970 * 1000).rounded())
    }

    /// 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((self.daysSinceEpoch + 3) % 7 + 7) % 7 }

    /// The Monday of its week.
    public var monday: CalendarDay { self.adding(days: -self.weekday) }

    public func adding(days: Int) -> CalendarDay {
        DateTimeText.day(Int64(self.daysSinceEpoch + days) * 86_400_000, timeZone: TimeZone(identifier: "UTC")!)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Date-times arrive as ISO 8601 with an offset (the API) or as a wall-clock time in the user's
/// zone (an HTML `datetime-local` field).
public enum DateTimeText {
    public static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text) { return date }
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: text) { return date }
        for pattern in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// "2026-11-23T08:00:00Z".
    public static func iso(_ millis: Int64) -> String {
        let civil = CivilTime(millis: millis, offsetSeconds: 0)
        return civil.date + "T" + civil.time(seconds: true) + "Z"
    }

    /// The day it is in `timeZone` at the instant.
    public static func day(_ millis: Int64, timeZone: TimeZone) -> CalendarDay {
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000))
        return CalendarDay(CivilTime(millis: millis, offsetSeconds: offset).date)!
    }

    /// The wall-clock time in `timeZone`, as "yyyy-MM-dd HH:mm" or, with a `pattern` holding
    /// 'T' ("yyyy-MM-dd'T'HH:mm"), as an HTML `datetime-local` value; no other pattern is read.
    public static func local(_ millis: Int64, timeZone: TimeZone, pattern: String = "yyyy-MM-dd HH:mm") -> String {
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000))
        let civil = CivilTime(millis: millis, offsetSeconds: offset)
        return civil.date + (pattern.contains("'T'") ? "T" : " ") + civil.time(seconds: false)
    }
}

/// Calendar fields of an instant, by arithmetic (days from the civil calendar), because making
/// a date formatter for every value on a page costs more than the rest of the page.
struct CivilTime {
    let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    init(millis: Int64, offsetSeconds: Int) {
        let seconds = Int(millis.dividedRoundingDown(by: 1000)) + offsetSeconds
        let days = seconds.dividedRoundingDown(by: 86_400)
        let rest = seconds - days * 86_400
        (self.hour, self.minute, self.second) = (rest / 3600, rest % 3600 / 60, rest % 60)
        // Howard Hinnant's days-to-civil.
        let z = days + 719_468
        let era = z.dividedRoundingDown(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        self.day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        self.month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.year = yearOfEra + era * 400 + (self.month <= 2 ? 1 : 0)
    }

    var date: String { CalendarDay.padded(self.year, 4) + "-" + CalendarDay.padded(self.month, 2) + "-" + CalendarDay.padded(self.day, 2) }

    func time(seconds: Bool) -> String {
        CalendarDay.padded(self.hour, 2) + ":" + CalendarDay.padded(self.minute, 2) + (seconds ? ":" + CalendarDay.padded(self.second, 2) : "")
    }

}

extension BinaryInteger {
    func dividedRoundingDown(by divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
