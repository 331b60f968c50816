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
        let utf8 = Array(text.utf8)
        guard utf8.indices.dropLast().contains(where: { utf8[$0] == UInt8(ascii: "_") && utf8[$0 + 1] == UInt8(ascii: "x") }) else { return text }
        var out: [UInt8] = [], index = 0
        while index < utf8.count {
            // _xHHHH_: seven bytes, four of them hex digits.
            if utf8[index] == UInt8(ascii: "_"), index + 6 < utf8.count, utf8[index + 1] == UInt8(ascii: "x"), utf8[index + 6] == UInt8(ascii: "_"),
               let value = UInt32(String(decoding: utf8[index + 2..<index + 6], as: UTF8.self), radix: 16), let scalar = Unicode.Scalar(value) {
                out.append(contentsOf: String(Character(scalar)).utf8)
                index += 7
            } else {
                out.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
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
