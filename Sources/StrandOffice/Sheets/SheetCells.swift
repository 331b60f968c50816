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

    /// A row as written: its number when it gives one, and its cells.
    private typealias Written = (number: Int?, cells: [Raw])

    init(_ data: Data) {
        // A large part is read in two pieces at once, cut before a row, and put together in order.
        let parts = Self.pieces(data)
        let read = LockedValue([(rows: [Written], complete: Bool)?](repeating: nil, count: parts.count))
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            let piece = Self.rows(data[parts[index]])
            read.withLock { $0[index] = piece }
        }
        let pieces = read.withLock { $0 }.compactMap { $0 }
        // A part cut inside markup after all (a CDATA section holding "<row") is read again whole.
        let written = parts.count == 1 || pieces.allSatisfy(\.complete) ? pieces.flatMap(\.rows) : Self.rows(data).rows
        var rows: [[Raw]] = []
        for row in written {
            // Excel's limits: 1,048,576 rows and 16,384 columns; a number past them is not a sheet's.
            let number = min(row.number ?? rows.count + 1, Self.maxRows)
            while rows.count < number - 1 { rows.append([]) }
            rows.append(row.cells)
        }
        self.rows = rows
    }

    /// The rows of (a piece of) a part, and whether it ends outside markup.
    private static func rows(_ data: Data) -> (rows: [Written], complete: Bool) {
        var rows: [Written] = [], row: Written = (nil, []), cell = Raw(), column = 0, inValue = false
        let events = XMLEvents()
        events.onStart = { name, attributes in
            switch name {
            case "row":
                row = (attributes["r"].flatMap(Int.init), [])
            case "c":
                cell = Raw(type: attributes["t"] ?? "", style: attributes["s"].flatMap(Int.init) ?? 0)
                column = min(attributes["r"].map(Self.columnIndex) ?? row.cells.count, Self.maxColumns - 1)
            case "v", "t": inValue = true
            default: break
            }
        }
        events.onText = { if inValue { cell.value += $0 } }
        events.onEnd = { name in
            switch name {
            case "v", "t": inValue = false
            case "c":
                while row.cells.count < column { row.cells.append(.empty) }
                if cell.type == "inlineStr" || cell.type == "str" { cell.value = Self.unescaped(cell.value) }
                row.cells.append(cell)
            case "row":
                while let last = row.cells.last, last.value.isEmpty, last.type != "str" { row.cells.removeLast() }
                rows.append(row)
            default: break
            }
        }
        let complete = events.run(data)
        return (rows, complete)
    }

    /// The whole part, or for a large one two halves, the second starting at a row's start tag.
    private static func pieces(_ data: Data) -> [Range<Data.Index>] {
        let whole = data.startIndex..<data.endIndex
        guard data.count > 1 << 22, let cut = self.rowStart(in: data, from: data.startIndex + data.count / 2) else { return [whole] }
        return [data.startIndex..<cut, cut..<data.endIndex]
    }

    /// The first `<row` (with any namespace prefix) at or after `start`.
    private static func rowStart(in data: Data, from start: Data.Index) -> Data.Index? {
        data.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = start - data.startIndex
            while index < bytes.count, let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
                var end = open + 1
                while end < bytes.count, bytes[end] != 0x20, bytes[end] != UInt8(ascii: ">"), bytes[end] != UInt8(ascii: "/") { end += 1 }
                let name = bytes[(open + 1)..<end]
                let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[($0 + 1)...] } ?? name
                if local.elementsEqual("row".utf8), name.first != UInt8(ascii: "/") { return open }
                index = end
            }
            return nil
        }.map { data.startIndex + $0 }
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
