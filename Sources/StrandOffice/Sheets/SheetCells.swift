import Foundation
import StrandCore

/// The cells of a worksheet part as written: each row's cells in their columns (gaps filled
/// with empty cells), and missing rows as empty rows, so row numbers stay those Excel shows.
struct SheetCells {
    struct Raw {
        var type = ""
        var style = 0
        var value = ""
        static let empty = Raw()
    }

    let rows: [[Raw]]

    init(_ data: Data) {
        var rows: [[Raw]] = [], row: [Raw] = [], cell = Raw(), column = 0, inValue = false
        let events = XMLEvents()
        events.onStart = { name, attributes in
            switch name {
            case "row":
                // Excel's limits: 1,048,576 rows and 16,384 columns; a number past them is not a sheet's.
                let number = min(attributes["r"].flatMap(Int.init) ?? rows.count + 1, Self.maxRows)
                while rows.count < number - 1 { rows.append([]) }
                row = []
            case "c":
                cell = Raw(type: attributes["t"] ?? "", style: attributes["s"].flatMap(Int.init) ?? 0)
                column = min(attributes["r"].map(Self.columnIndex) ?? row.count, Self.maxColumns - 1)
            case "v", "t": inValue = true
            default: break
            }
        }
        events.onText = { if inValue { cell.value += $0 } }
        events.onEnd = { name in
            switch name {
            case "v", "t": inValue = false
            case "c":
                while row.count < column { row.append(.empty) }
                if cell.type == "inlineStr" || cell.type == "str" { cell.value = Self.unescaped(cell.value) }
                row.append(cell)
            case "row":
                while let last = row.last, last.value.isEmpty, last.type != "str" { row.removeLast() }
                rows.append(row)
            default: break
            }
        }
        events.run(data)
        self.rows = rows
    }

    static let maxRows = 1_048_576
    static let maxColumns = 16_384

    /// 0 for "A1", 27 for "AB7" (at most three letters, as Excel's columns).
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars.prefix(3) {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return max(0, index - 1)
    }

    /// Excel writes characters XML cannot hold as `_xHHHH_` (a carriage return as `_x000D_`).
    static func unescaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = "", rest = Substring(text)
        while let range = rest.range(of: "_x") {
            out += rest[..<range.lowerBound]
            let hex = rest[range.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let value = UInt32(hex.dropLast(), radix: 16), let scalar = UnicodeScalar(value) {
                out.unicodeScalars.append(scalar)
                rest = rest[rest.index(range.upperBound, offsetBy: 5)...]
            } else {
                out += "_x"
                rest = rest[range.upperBound...]
            }
        }
        return out + rest
    }

    /// A `t="d"` cell: an ISO 8601 date or date-time.
    static func isoDate(_ text: String) -> SheetCell? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard let first = parts.first, let day = CalendarDay(String(first)) else { return nil }
        guard parts.count == 2 else { return .date(days: day.daysSinceEpoch) }
        let time = parts[1].prefix(8).split(separator: ":").compactMap { Int($0) } + [0, 0, 0]
        return .dateTime(days: day.daysSinceEpoch, seconds: time[0] * 3600 + time[1] * 60 + time[2])
    }
}
