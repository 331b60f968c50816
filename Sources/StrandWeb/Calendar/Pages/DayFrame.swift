import Foundation
import StrandCore
import StrandStore

/// A day of a calendar page in the reader's zone: its bounds, and the wall-clock time of an
/// instant within it by arithmetic. Looking the zone's offset up for each of a team's two
/// thousand entries costs more than drawing them.
struct DayFrame {
    let day: CalendarDay
    let start: Int64
    let end: Int64
    let timeZone: TimeZone
    /// The day has no change of offset, so its local time is the time since its midnight.
    private let steady: Bool

    init(_ day: CalendarDay, timeZone: TimeZone) {
        (self.day, self.timeZone) = (day, timeZone)
        (self.start, self.end) = (day.start(in: timeZone), day.adding(days: 1).start(in: timeZone))
        let offset = { (millis: Int64) in timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000)) }
        self.steady = self.end - self.start == 86_400_000 && offset(self.start) == offset(self.end - 1)
    }

    static func days(_ window: CalendarWindow, timeZone: TimeZone) -> [DayFrame] {
        window.dayList.map { DayFrame($0, timeZone: timeZone) }
    }

    /// "HH:mm" of `millis` in the reader's zone.
    func time(_ millis: Int64) -> String {
        guard self.steady, millis >= self.start, millis < self.end else { return String(DateTimeText.local(millis, timeZone: self.timeZone).suffix(5)) }
        return Self.clock[Int((millis - self.start) / 60_000)]
    }

    /// "00:00" to "23:59".
    static let clock = (0..<1440).map { CalendarDay.padded($0 / 60, 2) + ":" + CalendarDay.padded($0 % 60, 2) }

    /// The entries held on the day, with their minutes within it.
    func held(_ entries: [CalendarEntry]) -> [(entry: CalendarEntry, from: Int, to: Int)] {
        entries.compactMap { entry in
            guard entry.start < self.end, entry.end > self.start || (entry.end == entry.start && entry.start >= self.start) else { return nil }
            return (entry, Int((max(entry.start, self.start) - self.start) / 60_000), Int((min(entry.end, self.end) - self.start) / 60_000))
        }
    }
}
