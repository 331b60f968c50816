import Foundation

/// Writes iCalendar (RFC 5545) text: properties with their values escaped, lines folded at 75
/// octets without splitting a character, CRLF line ends.
public struct ICalendarText: Sendable {
    private(set) var lines: [String] = []

    public init() {}

    /// A property whose value is text (SUMMARY, LOCATION, DESCRIPTION): escaped.
    public mutating func text(_ name: String, _ value: String) {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\n")
        self.raw(name, escaped)
    }

    /// A property written as it is (dates, rules, fixed words).
    public mutating func raw(_ name: String, _ value: String) {
        self.lines.append(name + ":" + value)
    }

    public var rendered: String {
        self.lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    static func folded(_ line: String) -> String {
        var pieces: [String] = [], current = "", size = 0
        for character in line {
            let length = String(character).utf8.count
            // The first line holds 75 octets; the others 74 after their leading space.
            if size + length > (pieces.isEmpty ? 75 : 74) {
                pieces.append(current)
                (current, size) = ("", 0)
            }
            current.append(character)
            size += length
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }

    /// A moment in UTC: 20261124T013000Z.
    public static func utc(_ millis: Int64) -> String {
        self.local(millis, TimeZone(identifier: "UTC")!) + "Z"
    }

    /// A wall-clock time in a zone, for `;TZID=`: 20261124T093000.
    public static func local(_ millis: Int64, _ zone: TimeZone) -> String {
        let time = CivilTime(millis: millis, offsetSeconds: zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000)))
        return String(format: "%04d%02d%02dT%02d%02d%02d", time.year, time.month, time.day, time.hour, time.minute, time.second)
    }

    public static func date(_ day: CalendarDay) -> String {
        String(format: "%04d%02d%02d", day.year, day.month, day.day)
    }

    /// The rule of an event's repetition, ending on its last day (in UTC, as RFC 5545 asks of an
    /// UNTIL beside a DTSTART with a zone).
    public static func rule(_ timing: EventTiming) -> String? {
        guard let repetition = timing.repetition else { return nil }
        var rule = "FREQ=" + repetition.rawValue.uppercased()
        if let until = timing.until { rule += ";UNTIL=" + self.utc(until.adding(days: 1).start(in: timing.timeZone) - 1000) }
        return rule
    }
}
