import Foundation

/// Days that come round once a year, by the Gregorian or the Chinese lunar calendar (A8): a
/// contact's birthday, an anniversary, 春节 and 中秋. Foundation's Chinese calendar does the
/// astronomy; its days are read on China's clock.
public enum LunarDate {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static let chinese: Calendar = {
        var calendar = Calendar(identifier: .chinese)
        calendar.timeZone = LunarDate.zone
        return calendar
    }()

    static let gregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LunarDate.zone
        return calendar
    }()

    /// The first day on or after `from` that is lunar `month`/`day` (never a leap month; a 30th
    /// in a month of 29 days is kept on its 29th).
    public static func next(lunarMonth month: Int, day: Int, onOrAfter from: CalendarDay) -> CalendarDay? {
        let start = self.date(from)
        let now = self.chinese.dateComponents([.era, .year], from: start)
        guard let era = now.era, let year = now.year else { return nil }
        for offset in 0...2 {
            // Chinese years count 1 to 60 within an era.
            let (candidateEra, candidateYear) = year + offset > 60 ? (era + 1, year + offset - 60) : (era, year + offset)
            for candidateDay in stride(from: day, through: max(day - 1, 1), by: -1) {
                var components = DateComponents(era: candidateEra, year: candidateYear, month: month, day: candidateDay)
                components.isLeapMonth = false
                guard let date = self.chinese.date(from: components) else { continue }
                let found = self.chinese.dateComponents([.month, .day], from: date)
                guard found.month == month, found.day == candidateDay else { continue }
                if date >= start { return self.day(date) }
                break
            }
        }
        return nil
    }

    /// The next time a yearly day comes round on or after `from`: its month and day read in the
    /// lunar calendar when `lunar`, else in the Gregorian (29 February on the 28th in other years).
    public static func next(of date: CalendarDay, lunar: Bool, onOrAfter from: CalendarDay) -> CalendarDay? {
        if lunar { return self.next(lunarMonth: date.month, day: date.day, onOrAfter: from) }
        for year in [from.year, from.year + 1] {
            let day = date.month == 2 && date.day == 29 && CalendarDay.daysIn(month: 2, year: year) == 28 ? 28 : date.day
            if let candidate = CalendarDay(String(format: "%04d-%02d-%02d", year, date.month, day)), candidate >= from { return candidate }
        }
        return nil
    }

    public enum Festival: String, Sendable, CaseIterable {
        /// 春节 and 中秋, on lunar 1/1 and 8/15.
        case springFestival = "spring_festival", midAutumn = "mid_autumn"

        public var lunarMonthDay: (Int, Int) { self == .springFestival ? (1, 1) : (8, 15) }

        public func next(onOrAfter from: CalendarDay) -> CalendarDay? {
            LunarDate.next(lunarMonth: self.lunarMonthDay.0, day: self.lunarMonthDay.1, onOrAfter: from)
        }
    }

    static func date(_ day: CalendarDay) -> Date {
        self.gregorian.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }

    static func day(_ date: Date) -> CalendarDay {
        let c = self.gregorian.dateComponents([.year, .month, .day], from: date)
        return CalendarDay(String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!))!
    }
}
