import Foundation

/// A contact keeps the next day their birthday (read in the lunar calendar when marked so) and
/// their anniversary come round, so reminders and care lists find them by day; the daily care
/// job moves a day that has passed on to the next year.
public struct CareRules: RecordRules {
    public static let days: [(source: String, next: String)] = [("birthday", "next_birthday"), ("anniversary", "next_anniversary")]

    public func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?, context: RuleContext) -> [String: FieldError] {
        let today = DateTimeText.day(context.now, timeZone: context.timeZone)
        for (source, next) in Self.days {
            values[next] = .text(Self.next(source, values, from: today)?.description ?? "")
        }
        return [:]
    }

    /// When the yearly day in `field` next comes round on or after `from`.
    public static func next(_ field: String, _ values: [String: FieldValue], from: CalendarDay) -> CalendarDay? {
        guard let date = values[field]?.textValue.flatMap(CalendarDay.init) else { return nil }
        let lunar = field == "birthday" && values["birthday_lunar"] == .bool(true)
        return LunarDate.next(of: date, lunar: lunar, onOrAfter: from)
    }
}
