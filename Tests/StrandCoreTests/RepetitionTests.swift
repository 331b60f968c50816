import Foundation
import StrandCore
import Testing

@Suite struct RepetitionTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    let newYork = TimeZone(identifier: "America/New_York")!

    func at(_ text: String, _ zone: TimeZone) -> Int64 {
        Int64(DateTimeText.parse(text, timeZone: zone)!.timeIntervalSince1970 * 1000)
    }

    func local(_ millis: Int64, _ zone: TimeZone) -> String {
        DateTimeText.local(millis, timeZone: zone)
    }

    @Test func aSingleEventOverlapsItsWindowOnly() {
        let meeting = EventTiming(start: self.at("2026-11-24 10:00", self.shanghai), end: self.at("2026-11-24 11:00", self.shanghai), timeZone: self.shanghai)
        #expect(meeting.occurrences(overlapping: self.at("2026-11-24 10:59", self.shanghai), self.at("2026-11-24 12:00", self.shanghai)).count == 1)
        #expect(meeting.occurrences(overlapping: self.at("2026-11-24 11:00", self.shanghai), self.at("2026-11-24 12:00", self.shanghai)).isEmpty)
        #expect(meeting.occurrences(overlapping: self.at("2026-11-24 09:00", self.shanghai), self.at("2026-11-24 10:00", self.shanghai)).isEmpty)
        // A call without length is held at its start.
        let call = EventTiming(start: self.at("2026-11-24 15:00", self.shanghai), end: self.at("2026-11-24 15:00", self.shanghai), timeZone: self.shanghai)
        #expect(call.occurrences(overlapping: self.at("2026-11-24 15:00", self.shanghai), self.at("2026-11-24 15:01", self.shanghai)).count == 1)
        #expect(call.occurrences(overlapping: self.at("2026-11-24 14:00", self.shanghai), self.at("2026-11-24 15:00", self.shanghai)).isEmpty)
    }

    @Test func weeklyKeepsTheWallClockAcrossDaylightSaving() {
        // 09:00 in New York every Monday from 2026-10-26; clocks go back on 2026-11-01.
        let standup = EventTiming(start: self.at("2026-10-26 09:00", self.newYork), end: self.at("2026-10-26 09:30", self.newYork),
                                  repetition: .weekly, timeZone: self.newYork)
        let times = standup.occurrences(overlapping: self.at("2026-10-20 00:00", self.newYork), self.at("2026-11-20 00:00", self.newYork))
        #expect(times.map { self.local($0.start, self.newYork) } == ["2026-10-26 09:00", "2026-11-02 09:00", "2026-11-09 09:00", "2026-11-16 09:00"])
        #expect(times.map(\.index) == [0, 1, 2, 3])
        #expect(times.allSatisfy { $0.end - $0.start == 30 * 60_000 })
    }

    @Test func monthlyOnThe31stSkipsShortMonthsAndStopsAfterItsLastDay() {
        let review = EventTiming(start: self.at("2026-01-31 14:00", self.shanghai), end: self.at("2026-01-31 15:00", self.shanghai),
                                 repetition: .monthly, until: CalendarDay("2026-08-31"), timeZone: self.shanghai)
        let times = review.occurrences(overlapping: self.at("2026-01-01 00:00", self.shanghai), self.at("2027-12-31 00:00", self.shanghai))
        #expect(times.map { String(self.local($0.start, self.shanghai).prefix(10)) } == ["2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31", "2026-08-31"])
        #expect(times.map(\.index) == [0, 2, 4, 6, 7])
    }

    @Test func aWindowYearsLaterStartsNearIt() {
        let daily = EventTiming(start: self.at("2020-01-01 08:00", self.shanghai), end: self.at("2020-01-01 08:15", self.shanghai),
                                repetition: .daily, timeZone: self.shanghai)
        let week = daily.occurrences(overlapping: self.at("2026-11-23 00:00", self.shanghai), self.at("2026-11-30 00:00", self.shanghai))
        #expect(week.map { self.local($0.start, self.shanghai) }.first == "2026-11-23 08:00" && week.count == 7)
        // An event that began before the window and lasts into it is held in it.
        let long = EventTiming(start: self.at("2026-11-22 20:00", self.shanghai), end: self.at("2026-11-23 02:00", self.shanghai),
                               repetition: .weekly, timeZone: self.shanghai)
        #expect(long.occurrences(overlapping: self.at("2026-11-23 00:00", self.shanghai), self.at("2026-11-30 00:00", self.shanghai)).map(\.index) == [0, 1])
        #expect(daily.occurrences(overlapping: self.at("2026-01-01 00:00", self.shanghai), self.at("2027-01-01 00:00", self.shanghai), limit: 10).count == 10)
    }
}
