import Foundation
import StrandOffice

/// Rows on their way to a download, written to a work directory so that memory stays bounded
/// however many there are: an .xlsx workbook (a sheet per `begin`) or CSV text in UTF-8 with a
/// byte-order mark or in GB18030.
final class ExportFile {
    enum Format: String, CaseIterable { case xlsx, csv }

    let format: Format
    let directory: URL
    private let encoding: CsvText.Encoding
    private var workbook: XlsxWriter?
    private var csv: FileHandle?
    private var pending = ""

    init(format: Format, encoding: CsvText.Encoding, directory: URL) throws {
        (self.format, self.encoding, self.directory) = (format, encoding, directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if format == .xlsx { self.workbook = try XlsxWriter(directory: directory.appendingPathComponent("work")) }
    }

    var file: URL { self.directory.appendingPathComponent("export." + self.format.rawValue) }

    func begin(sheet: String, header: [String], filtered: Bool = true) throws {
        if let workbook { return try workbook.beginSheet(sheet, header: header, filtered: filtered) }
        if self.csv == nil {
            FileManager.default.createFile(atPath: self.file.path, contents: nil)
            self.csv = try FileHandle(forWritingTo: self.file)
            try self.csv?.write(contentsOf: CsvText.encode("", as: self.encoding))
        }
        try self.append(header.map { .text($0) })
    }

    func append(_ cells: [SheetCell], bold: Bool = false) throws {
        if let workbook { return try workbook.append(cells, bold: bold) }
        self.pending += CsvText.line(cells)
        if self.pending.utf8.count > 256 * 1024 { try self.flush() }
    }

    /// `body`'s result; the work directory goes if it fails (a half-written export of a
    /// million rows is hundreds of megabytes).
    func removingOnError<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch {
            try? FileManager.default.removeItem(at: self.directory)
            throw error
        }
    }

    /// The finished file.
    func finish() throws -> URL {
        if let workbook { try workbook.finish(to: self.file) } else {
            try self.flush()
            try self.csv?.close()
        }
        return self.file
    }

    private func flush() throws {
        guard !self.pending.isEmpty else { return }
        try self.csv?.write(contentsOf: CsvText.encode(self.pending, as: self.encoding, marked: false))
        self.pending = ""
    }
}
