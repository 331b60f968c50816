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

    private(set) var rows: [[Raw]] = []
    private let limits: XlsxReader.Limits
    private var cells = 0
    /// Bytes fed but not yet read: a piece waits until it can be cut before a row.
    private var pending = Data()
    /// Where in `pending` to look for the next cut: past bytes already searched, or past a cut
    /// that fell inside markup.
    private var searchFrom = 0

    /// A row as written: its number when it gives one, and its cells.
    private typealias Written = (number: Int?, cells: [Raw])

    /// The cells of a whole part at once (tests, and small parts).
    init(_ data: Data, limits: XlsxReader.Limits = .standard) throws {
        self.init(limits: limits)
        var offset = data.startIndex
        while offset < data.endIndex {
            let end = min(offset + Self.pieceSize / 4, data.endIndex)
            try self.feed(data[offset..<end])
            offset = end
        }
        try self.finish()
    }

    init(limits: XlsxReader.Limits) { self.limits = limits }

    /// A sheet is read as it inflates, a piece of about this many bytes at a time, so a sheet
    /// that inflates to far more than it says is refused before it is all in memory.
    static let pieceSize = 1 << 20
    static let longestPending = 32 << 20

    mutating func feed(_ chunk: Data) throws {
        self.pending.append(chunk)
        // No row may be this long: what never reaches a row's end is not a sheet to import.
        guard self.pending.count <= Self.longestPending else { throw XlsxReader.Failure.tooLarge }
        guard self.pending.count >= Self.pieceSize else { return }
        let start = self.pending.startIndex
        guard let cut = Self.rowStart(in: self.pending, from: start + max(self.searchFrom, self.pending.count / 2)) else {
            // Bytes searched are not searched again; a tag's start may still be cut off at the end.
            self.searchFrom = max(self.pending.count - 16, 0)
            return
        }
        let piece = Self.rows(self.pending[start..<cut])
        // Cut inside markup after all (a CDATA section holding "<row"): look for a later cut.
        guard piece.complete else {
            self.searchFrom = cut - start + 1
            return
        }
        try self.append(piece.rows)
        self.pending = Data(self.pending[cut...])
        self.searchFrom = 0
    }

    mutating func finish() throws {
        try self.append(Self.rows(self.pending).rows)
        self.pending = Data()
    }

    private mutating func append(_ written: [Written]) throws {
        for row in written where !row.cells.isEmpty {
            // Excel's limits: 1,048,576 rows and 16,384 columns; a number past them is not a sheet's.
            let number = min(row.number ?? self.rows.count + 1, Self.maxRows)
            guard number <= self.limits.rows else { throw XlsxReader.Failure.tooManyRows }
            self.cells += row.cells.count
            guard self.cells <= self.limits.cells, !row.cells.contains(where: { $0.value.utf8.count > Self.longestCell }) else {
                throw XlsxReader.Failure.tooLarge
            }
            while self.rows.count < number - 1 { self.rows.append([]) }
            self.rows.append(row.cells)
        }
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
    /// Excel holds at most 32,767 characters in a cell, each at most three bytes here.
    static let longestCell = 32_767 * 3
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
