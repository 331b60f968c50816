import Foundation
import ZIPFoundation

/// Writes an .xlsx workbook a row at a time, with memory bounded whatever the number of rows:
/// each sheet's XML goes to a file beside the workbook, and the package is zipped from those
/// files at the end. Every sheet gets a bold, frozen, filtered header row and column widths
/// fitted to its first rows. Text is written as inline text cells formatted as text, so no value
/// is ever read as a number, a date or a formula.
public final class XlsxWriter {
    public enum Failure: Error { case noSheet }

    private let directory: URL
    private var sheets: [(name: String, columns: Int, rows: Int, filtered: Bool)] = []
    private var current: SheetStream?
    private let styles = SheetStyles()
    /// Widths are fitted to the rows seen before the first is written.
    static let sampleRows = 200

    /// `directory` holds the work files; the caller removes it.
    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Starts a sheet whose first row is `header` (frozen and filtered when `filtered`). The name
    /// is made valid and unique.
    public func beginSheet(_ name: String, header: [String], filtered: Bool = true) throws {
        try self.endSheet()
        let unique = SheetName.unique(name, taken: self.sheets.map(\.name))
        let file = self.directory.appendingPathComponent("sheet\(self.sheets.count + 1).xml")
        self.sheets.append((unique, header.count, 0, filtered))
        self.current = try SheetStream(file: file, styles: self.styles, frozen: filtered)
        try self.append(header.map { .text($0) }, bold: true)
    }

    public func append(_ row: [SheetCell], bold: Bool = false) throws {
        guard let current else { throw Failure.noSheet }
        try current.append(row, bold: bold)
        self.sheets[self.sheets.count - 1].rows += 1
    }

    private func endSheet() throws {
        guard let current, let sheet = self.sheets.last else { return }
        try current.finish(filter: sheet.filtered ? "A1:\(SheetName.column(max(sheet.columns, 1) - 1))\(max(sheet.rows, 1))" : nil)
        self.current = nil
    }

    /// Writes the workbook to `url`.
    public func finish(to url: URL) throws {
        try self.endSheet()
        guard !self.sheets.isEmpty else { throw Failure.noSheet }
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        let parts = WorkbookParts(sheets: self.sheets.map { ($0.name, $0.columns, $0.rows, $0.filtered) }, styles: self.styles.xml())
        for (name, text) in parts.fixed {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: OfficePackage.fixedDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        for index in self.sheets.indices {
            let file = self.directory.appendingPathComponent("sheet\(index + 1).xml")
            let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64 ?? 0
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            try archive.addEntry(with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: size,
                                 modificationDate: OfficePackage.fixedDate, compressionMethod: .deflate) { position, chunk in
                try handle.seek(toOffset: UInt64(position))
                return try handle.read(upToCount: chunk) ?? Data()
            }
        }
    }
}

/// Sheet names as Excel allows them: at most 31 characters, none of []:*?/\, not empty, not
/// beginning or ending with an apostrophe, and unique regardless of case.
public enum SheetName {
    public static func unique(_ wanted: String, taken: [String]) -> String {
        var base = String(wanted.map { "[]:*?/\\".contains($0) ? "_" : $0 })
            .trimmingCharacters(in: CharacterSet(charactersIn: "'").union(.whitespacesAndNewlines))
        if base.isEmpty { base = "Sheet" }
        let lower = Set(taken.map { $0.lowercased() })
        var candidate = String(base.prefix(31)), number = 1
        while lower.contains(candidate.lowercased()) {
            number += 1
            let suffix = " (\(number))"
            candidate = String(base.prefix(31 - suffix.count)) + suffix
        }
        return candidate
    }

    /// "A" for 0, "Z" for 25, "AA" for 26.
    public static func column(_ index: Int) -> String {
        var index = index, name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }
}
