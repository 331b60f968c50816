import Foundation
import StrandCore
import StrandOffice

/// How each field type reads a spreadsheet cell on import: the cell becomes the input the
/// field's own codec (the one forms and the API use) then checks. Links, people and choices are
/// read by name, as an export writes them; numbers may carry a currency sign and separators;
/// days may be written 2026/2/4 or 2026年2月4日.
extension FieldDefinition {
    func importInput(_ cell: SheetCell, names: ImportNames) -> Result<InputValue, FieldError> {
        if cell == .empty { return .success(.null) }
        let text = cell.shown.trimmed
        switch self.type {
        case .text, .longText, .email, .phone, .url:
            return .success(.string(self.type == .longText ? cell.shown : text))
        case .integer, .decimal, .money:
            if case .number(let digits, _) = cell { return .success(.number(digits)) }
            return .success(.number(text.filter { !"¥￥$, 　".contains($0) }))
        case .bool:
            if case .bool(let flag) = cell { return .success(.bool(flag)) }
            return ImportNames.flag(text).map { .success(.bool($0)) } ?? .failure(.invalid)
        case .date:
            switch cell {
            case .date(let days), .dateTime(let days, _): return .success(.string(CalendarDay(daysSinceEpoch: days).description))
            default: return .success(.string(ImportNames.dayText(text)))
            }
        case .dateTime:
            switch cell {
            case .date(let days): return .success(.string(CalendarDay(daysSinceEpoch: days).description + " 00:00"))
            case .dateTime(let days, let seconds):
                return .success(.string(CalendarDay(daysSinceEpoch: days).description + " " + CalendarDay.padded(seconds / 3600, 2) + ":"
                                        + CalendarDay.padded(seconds % 3600 / 60, 2) + ":" + CalendarDay.padded(seconds % 60, 2)))
            default: return .success(.string(ImportNames.dayText(text)))
            }
        case .choice:
            return .success(.string(names.option(text, of: self)))
        case .choices:
            return .success(.list(ImportNames.items(text).map { names.option($0, of: self) }))
        case .link:
            guard let target = self.linkTo else { return .failure(.invalid) }
            return names.record(text, in: target).map { .number(String($0)) }
        case .people:
            var ids: [String] = []
            for name in ImportNames.items(text) {
                switch names.person(name) {
                case .success(let id): ids.append(String(id))
                case .failure(let error): return .failure(error)
                }
            }
            return .success(.list(ids))
        case .files, .lines:
            return .failure(FieldError("not_importable"))
        }
    }

    /// Whether an import may fill the field from a column.
    public var importable: Bool {
        switch self.type {
        case .text, .longText, .email, .phone, .url, .integer, .decimal, .money, .bool, .date, .dateTime, .choice, .choices, .link, .people:
            !self.maintained
        case .files, .lines:
            false
        }
    }
}
