import Foundation
import StrandCore

/// The days a calendar page shows: one day, the week (Monday first) or the weeks that hold a
/// month, around the day asked for.
struct CalendarWindow {
    enum View: String, CaseIterable {
        /// `team`: a department's members side by side, a week of each.
        case day, week, month, team
    }

    let view: View
    let anchor: CalendarDay
    let first: CalendarDay
    let days: Int

    init(_ view: View, around anchor: CalendarDay) {
        (self.view, self.anchor) = (view, anchor)
        switch view {
        case .day: (self.first, self.days) = (anchor, 1)
        case .week, .team: (self.first, self.days) = (anchor.monday, 7)
        case .month: (self.first, self.days) = (CalendarDay(Self.text(anchor.year, anchor.month, 1))!.monday, 42)
        }
    }

    var dayList: [CalendarDay] { (0..<self.days).map { self.first.adding(days: $0) } }

    func range(in timeZone: TimeZone) -> (from: Int64, to: Int64) {
        (self.first.start(in: timeZone), self.first.adding(days: self.days).start(in: timeZone))
    }

    /// The day the previous and next page is around.
    var previous: CalendarDay { self.moved(by: -1) }
    var next: CalendarDay { self.moved(by: 1) }

    func moved(by step: Int) -> CalendarDay {
        switch self.view {
        case .day: return self.anchor.adding(days: step)
        case .week, .team: return self.anchor.adding(days: 7 * step)
        case .month:
            let months = self.anchor.year * 12 + self.anchor.month - 1 + step
            return CalendarDay(Self.text(months / 12, months % 12 + 1, 1))!
        }
    }


    static func text(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}
