import Foundation
import StrandCore

/// One cell of a spreadsheet as Strand writes and reads it. Text is always a text cell, never
/// interpreted ("2/4", "0755-12345678", an 18-digit credit code, "=1+1" stay as typed); numbers
/// keep their decimal digits exactly as a string; dates are days since 1970 (and seconds within
/// the day for a date-time), shown in a date format.
public enum SheetCell: Sendable, Equatable {
    case empty
    case text(String)
    case number(String, format: NumberFormat = .general)
    case date(days: Int)
    case dateTime(days: Int, seconds: Int)
    case bool(Bool)

    /// How a number is shown: Excel's own number formats.
    public enum NumberFormat: Sendable, Hashable {
        case general
        case integer
        /// Two decimals with thousands separators, after a currency symbol when there is one.
        case money(symbol: String)
        case decimal(places: Int)

        var code: String? {
            switch self {
            case .general: nil
            case .integer: "0"
            case .money(let symbol): (symbol.isEmpty ? "" : "\"\(symbol)\"") + "#,##0.00"
            case .decimal(let places): places == 0 ? "0" : "0." + String(repeating: "0", count: places)
            }
        }
    }

    /// The text a person sees, for widths and for CSV.
    public var shown: String {
        switch self {
        case .empty: ""
        case .text(let text): text
        case .number(let digits, _): digits
        case .date(let days): SheetDate.text(days: days, seconds: nil)
        case .dateTime(let days, let seconds): SheetDate.text(days: days, seconds: seconds)
        case .bool(let value): value ? "TRUE" : "FALSE"
        }
    }
}

/// Excel's day numbers. In the 1900 system day 1 is 1900-01-01 and Excel counts a 29 February
/// 1900 that never was, so from March 1900 a serial is days since 1899-12-30; in the 1904 system
/// (old Mac workbooks) day 0 is 1904-01-01.
public enum SheetDate {
    static let epoch1900 = -25_569
    static let epoch1904 = -24_107

    public static func serial(days: Int, date1904: Bool = false) -> Int {
        days - (date1904 ? epoch1904 : epoch1900)
    }

    /// Days since 1970 and seconds within the day of a serial (fraction rounded to the second);
    /// nil past Excel's last day (9999-12-31), which no date cell holds.
    public static func days(serial: Double, date1904: Bool = false) -> (days: Int, seconds: Int)? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var whole = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(whole)) * 86_400).rounded())
        if seconds >= 86_400 { (whole, seconds) = (whole + 1, seconds - 86_400) }
        // Serials before March 1900 count the day that never was.
        let adjusted = !date1904 && whole < 61 ? whole + 1 : whole
        return (adjusted + (date1904 ? epoch1904 : epoch1900), seconds)
    }

    /// "yyyy-MM-dd" or "yyyy-MM-dd HH:mm:ss" (without seconds when they are zero).
    static func text(days: Int, seconds: Int?) -> String {
        var text = CalendarDay(daysSinceEpoch: days).description
        if let seconds {
            text += " " + CalendarDay.padded(seconds / 3600, 2) + ":" + CalendarDay.padded(seconds % 3600 / 60, 2)
            if seconds % 60 != 0 { text += ":" + CalendarDay.padded(seconds % 60, 2) }
        }
        return text
    }
}
