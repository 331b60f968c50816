import CoreFoundation
import Foundation

/// CSV as Chinese offices exchange it: UTF-8 with or without a byte-order mark, or GB18030
/// (which GBK and GB2312 files are part of), the default of Excel on a Chinese Windows.
public enum CsvText {
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8", gb18030
    }

    public enum Failure: Error, Equatable { case undecodable }

    static let gb18030 = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// UTF-8 when the bytes carry its mark or are valid UTF-8, else GB18030.
    public static func detect(_ data: Data) -> Encoding {
        if data.starts(with: self.byteOrderMark) { return .utf8 }
        return String(data: data, encoding: .utf8) != nil ? .utf8 : .gb18030
    }

    public static func decode(_ data: Data, as encoding: Encoding? = nil) throws -> String {
        let chosen = encoding ?? self.detect(data)
        let body = chosen == .utf8 && data.starts(with: self.byteOrderMark) ? data.dropFirst(3) : data[...]
        guard let text = String(data: Data(body), encoding: chosen == .utf8 ? .utf8 : self.gb18030) else { throw Failure.undecodable }
        return text
    }

    /// Records of RFC 4180 text: fields separated by commas, quoted when they hold a comma, a
    /// quote or a line break; lines end in CRLF or LF. Blank lines are kept as empty records.
    public static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field: [UInt8] = []
        var quoted = false, wasQuoted = false
        let bytes = Array(text.utf8)
        var index = 0
        func endField() { record.append(String(decoding: field, as: UTF8.self)); field = []; wasQuoted = false }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count && bytes[index + 1] == 0x22 { field.append(0x22); index += 1 } else { quoted = false }
                } else { field.append(byte) }
            } else {
                switch byte {
                case 0x22 where field.isEmpty && !wasQuoted: quoted = true; wasQuoted = true
                case 0x2C: endField()
                case 0x0D where index + 1 < bytes.count && bytes[index + 1] == 0x0A: break
                case 0x0A, 0x0D: endField(); records.append(record); record = []
                default: field.append(byte)
                }
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty || wasQuoted { endField(); records.append(record) }
        return records
    }

    /// One line of CSV. Text that a spreadsheet would take for a formula (beginning with
    /// = + - @, a tab or a carriage return) is prefixed with an apostrophe; numbers and dates
    /// are written as they are shown.
    public static func line(_ cells: [SheetCell]) -> String {
        cells.map { cell in
            var value = cell.shown
            if case .text = cell, let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
            let needsQuotes = value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }.joined(separator: ",") + "\r\n"
    }

    /// The bytes of CSV text: UTF-8 after a byte-order mark (so Excel opens Chinese correctly;
    /// `marked` false for text that continues a file), or GB18030.
    public static func encode(_ text: String, as encoding: Encoding, marked: Bool = true) -> Data {
        switch encoding {
        case .utf8: (marked ? Data(self.byteOrderMark) : Data()) + Data(text.utf8)
        case .gb18030: text.data(using: self.gb18030) ?? Data(text.utf8)
        }
    }
}
