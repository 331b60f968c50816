import Foundation
import StrandCore
import StrandOffice

/// How each field type goes into a spreadsheet cell (G5): typed, so that text stays text
/// whatever it looks like, numbers and money are numbers in their format, days and moments are
/// dates, and links, people and choices read as names, as on the page.
extension FieldDefinition {
    func sheetCell(_ value: FieldValue, entity: String, strings: Strings, timeZone: TimeZone, lookups: Lookups) -> SheetCell {
        switch self.type {
        case .text, .longText, .email, .phone, .url, .choice, .choices, .link, .files, .people, .lines:
            let text = self.display(value, entity: entity, strings: strings, timeZone: timeZone, lookups: lookups)
            return text.isEmpty ? .empty : .text(text)
        case .bool:
            guard case .bool(let flag) = value else { return .empty }
            return .bool(flag)
        case .integer:
            return value.integerValue.map { .number(String($0), format: .integer) } ?? .empty
        case .decimal:
            return value.integerValue.map { .number(ScaledDecimal.format($0, scale: self.effectiveScale), format: .decimal(places: self.effectiveScale)) } ?? .empty
        case .money:
            return value.integerValue.map { .number(ScaledDecimal.format($0, scale: 2), format: .money(symbol: "¥")) } ?? .empty
        case .date:
            return CalendarDay(value.textValue ?? "").map { .date(days: $0.daysSinceEpoch) } ?? .empty
        case .dateTime:
            guard let millis = value.integerValue else { return .empty }
            return Self.sheetMoment(millis, timeZone: timeZone)
        }
    }

    /// A moment as the reader's wall clock, to the minute.
    static func sheetMoment(_ millis: Int64, timeZone: TimeZone) -> SheetCell {
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000))) * 1000
        let local = (millis + offset) / 60_000 * 60
        let days = Int((local >= 0 ? local : local - 86_399) / 86_400)
        return .dateTime(days: days, seconds: Int(local - Int64(days) * 86_400))
    }
}
