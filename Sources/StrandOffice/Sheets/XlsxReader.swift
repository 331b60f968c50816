import Foundation
import ZIPFoundation

/// Reads the cells of an .xlsx workbook: shared and inline strings, numbers (their digits as
/// written), booleans, errors as their text, and numbers in a date format as dates, in the
/// 1900 or the 1904 date system as the workbook says. Empty cells and rows keep their places.
public struct XlsxReader {
    public enum Failure: Error, Equatable {
        case notAWorkbook
        case noSuchSheet
    }

    public let sheetNames: [String]
    private let archive: Archive
    private let sheetPaths: [String]
    private let date1904: Bool
    private let sharedStrings: [String]
    private let styles: [Int: SheetFormats.Kind]

    public init(url: URL) throws {
        guard let archive = try? Archive(url: url, accessMode: .read, pathEncoding: nil) else { throw Failure.notAWorkbook }
        try self.init(archive: archive)
    }

    public init(data: Data) throws {
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else { throw Failure.notAWorkbook }
        try self.init(archive: archive)
    }

    private init(archive: Archive) throws {
        self.archive = archive
        guard let workbook = try Self.part("xl/workbook.xml", in: archive) else { throw Failure.notAWorkbook }
        let book = WorkbookList(workbook)
        let targets = try Self.part("xl/_rels/workbook.xml.rels", in: archive).map(RelationshipList.init)?.targets ?? [:]
        self.sheetNames = book.sheets.map(\.name)
        self.sheetPaths = book.sheets.map { sheet in
            let target = targets[sheet.relationship] ?? ""
            return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        self.date1904 = book.date1904
        self.sharedStrings = try Self.part("xl/sharedStrings.xml", in: archive).map { SharedStringList($0).strings } ?? []
        self.styles = try Self.part("xl/styles.xml", in: archive).map { SheetFormats($0).kinds } ?? [:]
    }

    /// The rows of a sheet (the first by default), each as long as its last filled cell.
    public func rows(sheet index: Int = 0) throws -> [[SheetCell]] {
        guard self.sheetPaths.indices.contains(index), let data = try Self.part(self.sheetPaths[index], in: self.archive) else {
            throw Failure.noSuchSheet
        }
        let cells = SheetCells(data)
        return cells.rows.map { row in
            row.map { raw in self.cell(raw) }
        }
    }

    private func cell(_ raw: SheetCells.Raw) -> SheetCell {
        switch raw.type {
        case "s": return Int(raw.value).flatMap { self.sharedStrings.indices.contains($0) ? .text(self.sharedStrings[$0]) : nil } ?? .empty
        case "inlineStr", "str", "e": return raw.value.isEmpty && raw.type != "str" ? .empty : .text(raw.value)
        case "b": return .bool(raw.value == "1" || raw.value.lowercased() == "true")
        case "d": return SheetCells.isoDate(raw.value) ?? .text(raw.value)
        default:
            guard !raw.value.isEmpty else { return .empty }
            guard let kind = self.styles[raw.style], let serial = Double(raw.value),
                  let (days, seconds) = SheetDate.days(serial: serial, date1904: self.date1904) else { return .number(raw.value) }
            return kind == .date && seconds == 0 ? .date(days: days) : .dateTime(days: days, seconds: seconds)
        }
    }

    /// Excel's own limit on a part is far below this; a larger one is a zip bomb, not a workbook.
    static let largestPart: Int64 = 512 * 1024 * 1024

    static func part(_ path: String, in archive: Archive) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= Self.largestPart else { throw Failure.notAWorkbook }
        var data = Data()
        // Room for the whole part at once, rather than copying a large sheet as it grows.
        data.reserveCapacity(Int(entry.uncompressedSize))
        _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        return data
    }
}
