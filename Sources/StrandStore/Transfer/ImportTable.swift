import Foundation
import StrandOffice

/// A file to import as a table: the header (its first row that has anything in it) and the
/// rows under it, whatever it came as: an .xlsx sheet, CSV in UTF-8 or GB18030, or vCards.
public struct ImportTable: Sendable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case xlsx, csv, vcf
    }

    public let kind: Kind
    public let sheets: [String]
    /// The encoding CSV was read in (found, or chosen by the person importing).
    public let encoding: CsvText.Encoding?
    public let header: [String]
    public let rows: [[SheetCell]]
    /// The spreadsheet's number of `rows[0]`, so a verdict names the row Excel shows.
    public let firstRow: Int

    public static func kind(of fileName: String) -> Kind? {
        Kind(rawValue: (fileName as NSString).pathExtension.lowercased())
    }

    public static func read(_ data: Data, kind: Kind, sheet: Int = 0, encoding: CsvText.Encoding? = nil) throws -> ImportTable {
        switch kind {
        case .xlsx:
            let reader = try XlsxReader(data: data)
            return Self(kind: kind, sheets: reader.sheetNames, encoding: nil, cells: try reader.rows(sheet: sheet))
        case .csv:
            let chosen = encoding ?? CsvText.detect(data)
            let records = CsvText.records(try CsvText.decode(data, as: chosen))
            // The same bound as a workbook's, so a file's size never decides what is accepted.
            guard records.count <= XlsxReader.Limits.standard.rows else { throw XlsxReader.Failure.tooManyRows }
            return Self(kind: kind, sheets: [], encoding: chosen, cells: records.map { $0.map { $0.isEmpty ? .empty : .text(Self.unguarded($0)) } })
        case .vcf:
            return Self(kind: kind, sheets: [], encoding: nil, cells: [VCardReader.header.map { .text($0) }] + (try VCardReader.rows(data)))
        }
    }

    /// CSV text an export guarded against spreadsheets (`'=1+1`) as it was.
    static func unguarded(_ text: String) -> String {
        guard text.hasPrefix("'"), let next = text.unicodeScalars.dropFirst().first, "=+-@\t\r".unicodeScalars.contains(next) else { return text }
        return String(text.dropFirst())
    }

    init(kind: Kind, sheets: [String], encoding: CsvText.Encoding?, cells: [[SheetCell]]) {
        (self.kind, self.sheets, self.encoding) = (kind, sheets, encoding)
        let start = cells.firstIndex { $0.contains { $0 != .empty } } ?? cells.count
        self.header = start < cells.count ? cells[start].map { $0.shown.trimmed } : []
        var rows = Array(cells.dropFirst(start + 1))
        while let last = rows.last, !last.contains(where: { $0 != .empty }) { rows.removeLast() }
        (self.rows, self.firstRow) = (rows, start + 2)
    }
}
