import Foundation

/// One worksheet's XML, written to a file: the first rows wait until the column widths are
/// fitted to them, the rest go straight through a small buffer.
final class SheetStream {
    private let handle: FileHandle
    private let styles: SheetStyles
    private var sample: [(row: [SheetCell], bold: Bool)] = []
    private var started = false
    private var buffer = ""
    private var rowNumber = 0
    private let frozen: Bool

    init(file: URL, styles: SheetStyles, frozen: Bool) throws {
        FileManager.default.createFile(atPath: file.path, contents: nil)
        self.handle = try FileHandle(forWritingTo: file)
        (self.styles, self.frozen) = (styles, frozen)
    }

    func append(_ row: [SheetCell], bold: Bool) throws {
        guard self.started else {
            self.sample.append((row, bold))
            if self.sample.count >= XlsxWriter.sampleRows { try self.start() }
            return
        }
        self.write(row, bold: bold)
        if self.buffer.utf8.count > 256 * 1024 { try self.flush() }
    }

    func finish(filter: String?) throws {
        if !self.started { try self.start() }
        self.buffer += "</sheetData>" + (filter.map { "<autoFilter ref=\"\($0)\"/>" } ?? "") + "</worksheet>"
        try self.flush()
        try self.handle.close()
    }

    private func start() throws {
        self.started = true
        self.buffer += """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """
        let pane = self.frozen ? "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>" : ""
        self.buffer += "<sheetViews><sheetView workbookViewId=\"0\">\(pane)</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        let widths = Self.widths(self.sample.map(\.row))
        if !widths.isEmpty {
            self.buffer += "<cols>"
            for (index, width) in widths.enumerated() {
                self.buffer += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            self.buffer += "</cols>"
        }
        self.buffer += "<sheetData>"
        for (row, bold) in self.sample { self.write(row, bold: bold) }
        self.sample = []
    }

    /// Characters wide, East Asian ones counting two, within 6 to 60.
    static func widths(_ rows: [[SheetCell]]) -> [Int] {
        var widths: [Int] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                let line = cell.shown.split(whereSeparator: \.isNewline).map { $0.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } }.max() ?? 0
                if index >= widths.count { widths.append(0) }
                widths[index] = max(widths[index], line)
            }
        }
        return widths.map { min(60, max(6, $0 + 2)) }
    }

    private func write(_ row: [SheetCell], bold: Bool) {
        self.rowNumber += 1
        let number = String(self.rowNumber)
        self.buffer += "<row r=\"" + number + "\">"
        for (index, cell) in row.enumerated() {
            let reference = SheetName.column(index) + number
            let style = self.styles.index(for: cell, bold: bold)
            let styled = style == 0 ? "" : " s=\"\(style)\""
            switch cell {
            case .empty:
                if style != 0 { self.buffer += "<c r=\"\(reference)\"\(styled)/>" }
            case .text(let text):
                self.buffer += "<c r=\"\(reference)\"\(styled) t=\"inlineStr\"><is><t xml:space=\"preserve\">" + Self.escaped(text) + "</t></is></c>"
            case .number(let digits, _):
                self.buffer += "<c r=\"\(reference)\"\(styled)><v>\(digits)</v></c>"
            case .date(let days):
                self.buffer += "<c r=\"\(reference)\"\(styled)><v>\(SheetDate.serial(days: days))</v></c>"
            case .dateTime(let days, let seconds):
                let serial = Double(SheetDate.serial(days: days)) + Double(seconds) / 86_400
                self.buffer += "<c r=\"\(reference)\"\(styled)><v>\(serial)</v></c>"
            case .bool(let value):
                self.buffer += "<c r=\"\(reference)\"\(styled) t=\"b\"><v>\(value ? 1 : 0)</v></c>"
            }
        }
        self.buffer += "</row>"
    }

    /// XML text, with a carriage return as a character reference (a parser keeps that one,
    /// where it turns a literal one into a line feed), and text that looks like Excel's own
    /// `_xHHHH_` escape escaped itself, as `_x005F_xHHHH_`.
    static func escaped(_ text: String) -> String {
        var xml = XMLText.escaped(text).replacingOccurrences(of: "\r", with: "&#13;")
        if xml.contains("_x") {
            xml = xml.replacing(#/_x(?=[0-9A-Fa-f]{4}_)/#) { _ in "_x005F_x" }
        }
        return xml
    }

    private func flush() throws {
        guard !self.buffer.isEmpty else { return }
        try self.handle.write(contentsOf: Data(self.buffer.utf8))
        self.buffer = ""
    }
}
