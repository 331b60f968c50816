import Foundation
import StrandCore
import Testing

/// When reminders go, on the reader's clock, and how feed text is written.
@Suite struct ReminderTimeTests {
    let newYork = TimeZone(identifier: "America/New_York")!

    func at(_ text: String, _ zone: TimeZone) -> Int64 {
        Int64(DateTimeText.parse(text, timeZone: zone)!.timeIntervalSince1970 * 1000)
    }

    @Test func aWeeklyEventIsRemindedOfAtItsWallClockAcrossDaylightSaving() {
        let values: [String: FieldValue] = ["starts_at": .integer(self.at("2026-10-26 09:00", self.newYork)), "repetition": .text("weekly"),
                                            "time_zone": .text(self.newYork.identifier)]
        let lead = ReminderLead(eventMinutes: 30, timeZone: self.newYork)
        // New York leaves daylight saving on 1 November: the next meeting is still at 09:00 there.
        let next = ReminderTime.next(ReminderAnchor(field: "starts_at"), field: .dateTime, values: values, lead: lead,
                                     after: self.at("2026-10-26 09:00", self.newYork), now: self.at("2026-10-27 12:00", self.newYork))
        #expect(next == ReminderTime(occurs: self.at("2026-11-02 09:00", self.newYork), fire: self.at("2026-11-02 08:30", self.newYork)))
        // Already within its lead time, a reminder goes at once; past, there is none.
        let soon = ReminderTime.next(ReminderAnchor(field: "starts_at"), field: .dateTime, values: values, lead: lead,
                                     after: .min, now: self.at("2026-10-26 08:50", self.newYork))
        #expect(soon?.fire == self.at("2026-10-26 08:50", self.newYork))
        var single = values
        single["repetition"] = .text("")
        #expect(ReminderTime.next(ReminderAnchor(field: "starts_at"), field: .dateTime, values: single, lead: lead, after: .min,
                                  now: self.at("2026-10-26 09:01", self.newYork)) == nil)
    }

    @Test func aDueDayIsRemindedOfAtTheChosenHourUntilTheDayIsOver() {
        let anchor = ReminderAnchor(field: "due_date", finishedWhen: ("status", ["done"]))
        let lead = ReminderLead(dueDays: 2, dueHour: 10, timeZone: self.newYork)
        let values: [String: FieldValue] = ["due_date": .text("2026-12-10"), "status": .text("open")]
        #expect(ReminderTime.next(anchor, field: .date, values: values, lead: lead, after: .min, now: self.at("2026-12-01 00:00", self.newYork))
                == ReminderTime(occurs: self.at("2026-12-10 00:00", self.newYork), fire: self.at("2026-12-08 10:00", self.newYork)))
        #expect(ReminderTime.next(anchor, field: .date, values: values, lead: lead, after: .min, now: self.at("2026-12-10 23:00", self.newYork))?.fire
                == self.at("2026-12-10 23:00", self.newYork))
        #expect(ReminderTime.next(anchor, field: .date, values: values, lead: lead, after: .min, now: self.at("2026-12-11 00:00", self.newYork)) == nil)
        var done = values
        done["status"] = .text("done")
        #expect(ReminderTime.next(anchor, field: .date, values: done, lead: lead, after: .min, now: self.at("2026-12-01 00:00", self.newYork)) == nil)
    }

    @Test func feedLinesAreEscapedAndFoldedWithoutSplittingACharacter() {
        var ics = ICalendarText()
        let summary = String(repeating: "客户拜访；", count: 12) + "a,b\nc"
        ics.text("SUMMARY", summary)
        let rendered = ics.rendered
        let lines = rendered.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count > 1 && lines.allSatisfy { $0.utf8.count <= 75 })
        let unfolded = rendered.replacingOccurrences(of: "\r\n ", with: "").trimmingCharacters(in: .newlines)
        #expect(unfolded == "SUMMARY:" + String(repeating: "客户拜访；", count: 12) + "a\\,b\\nc")
        #expect(ICalendarText.utc(0) == "19700101T000000Z")
    }
}

/// Yearly days against the almanac: 春节, 中秋 and a lunar birthday over several years.
@Suite struct LunarDateTests {
    func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    @Test func festivalsFallOnTheirKnownDays() {
        let spring = ["2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2030-02-03"]
        for known in spring.map(self.day) {
            #expect(LunarDate.Festival.springFestival.next(onOrAfter: known.adding(days: -20)) == known)
            #expect(LunarDate.Festival.springFestival.next(onOrAfter: known) == known)
        }
        let midAutumn = ["2024-09-17", "2025-10-06", "2026-09-25", "2027-09-15", "2028-10-03"]
        for known in midAutumn.map(self.day) { #expect(LunarDate.Festival.midAutumn.next(onOrAfter: known.adding(days: -40)) == known) }
        // Just past one, the next is a year on.
        #expect(LunarDate.Festival.midAutumn.next(onOrAfter: self.day("2026-09-26")) == self.day("2027-09-15"))
    }

    @Test func birthdaysComeRoundByTheirCalendar() {
        // Born on lunar 8/15 (any year): the birthday is 中秋 each year.
        let lunar = self.day("1985-08-15")
        #expect(LunarDate.next(of: lunar, lunar: true, onOrAfter: self.day("2026-01-01")) == self.day("2026-09-25"))
        #expect(LunarDate.next(of: lunar, lunar: true, onOrAfter: self.day("2027-01-01")) == self.day("2027-09-15"))
        // Lunar 12/30 in a year whose twelfth month has 29 days is kept on its 29th (除夕 2026-02-16).
        #expect(LunarDate.next(of: self.day("1990-12-30"), lunar: true, onOrAfter: self.day("2026-01-20")) == self.day("2026-02-16"))
        #expect(LunarDate.next(of: self.day("1992-02-29"), lunar: false, onOrAfter: self.day("2026-02-01")) == self.day("2026-02-28"))
        #expect(LunarDate.next(of: self.day("1992-02-29"), lunar: false, onOrAfter: self.day("2028-02-01")) == self.day("2028-02-29"))
        #expect(LunarDate.next(of: self.day("1980-11-24"), lunar: false, onOrAfter: self.day("2026-11-25")) == self.day("2027-11-24"))
    }
}
