import Foundation
import ZIPFoundation

/// Reads the cells of an .xlsx workbook: shared and inline strings, numbers (their digits as
/// written), booleans, errors as their text, and numbers in a date format as dates, in the
/// 1900 or the 1904 date system as the workbook says. Empty cells and rows keep their places.
public struct XlsxReader {
    public enum Failure: Error, Equatable {
        case notAWorkbook
        case noSuchSheet
        /// It inflates to more than a workbook to import may: a zip bomb, or far too big a file.
        case tooLarge
        case tooManyRows
    }

    /// How much a workbook may make the server inflate and hold. The bytes are counted as they
    /// really inflate, not as the archive declares them.
    public struct Limits: Sendable, Equatable {
        /// Each part but the sheets (shared strings, styles, the workbook).
        public var partBytes: Int64 = 64 << 20
        public var sheetBytes: Int64 = 160 << 20
        public var rows = 200_000
        public var cells = 2_500_000

        public init() {}
        public static let standard = Limits()
    }

    public let sheetNames: [String]
    private let archive: Archive
    private let sheetPaths: [String]
    private let date1904: Bool
    private let sharedStrings: [String]
    private let styles: [Int: SheetFormats.Kind]
    private let limits: Limits

    public init(url: URL, limits: Limits = .standard) throws {
        guard let archive = try? Archive(url: url, accessMode: .read, pathEncoding: nil) else { throw Failure.notAWorkbook }
        try self.init(archive: archive, limits: limits)
    }

    public init(data: Data, limits: Limits = .standard) throws {
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else { throw Failure.notAWorkbook }
        try self.init(archive: archive, limits: limits)
    }

    private init(archive: Archive, limits: Limits) throws {
        (self.archive, self.limits) = (archive, limits)
        guard let workbook = try Self.part("xl/workbook.xml", in: archive, limits: limits) else { throw Failure.notAWorkbook }
        let book = WorkbookList(workbook)
        let targets = try Self.part("xl/_rels/workbook.xml.rels", in: archive, limits: limits).map(RelationshipList.init)?.targets ?? [:]
        self.sheetNames = book.sheets.map(\.name)
        self.sheetPaths = book.sheets.map { sheet in
            let target = targets[sheet.relationship] ?? ""
            return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        self.date1904 = book.date1904
        self.sharedStrings = try Self.part("xl/sharedStrings.xml", in: archive, limits: limits).map { SharedStringList($0).strings } ?? []
        self.styles = try Self.part("xl/styles.xml", in: archive, limits: limits).map { SheetFormats($0).kinds } ?? [:]
    }

    /// The rows of a sheet (the first by default), each as long as its last filled cell, read
    /// as the sheet inflates.
    public func rows(sheet index: Int = 0) throws -> [[SheetCell]] {
        guard self.sheetPaths.indices.contains(index), let entry = self.archive[self.sheetPaths[index]] else { throw Failure.noSuchSheet }
        let budget = try Self.budget(entry, cap: self.limits.sheetBytes)
        var cells = SheetCells(limits: self.limits)
        var inflated: Int64 = 0
        _ = try self.archive.extract(entry, skipCRC32: false) { chunk in
            inflated += Int64(chunk.count)
            guard inflated <= budget else { throw Failure.tooLarge }
            try cells.feed(chunk)
        }
        try cells.finish()
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

    /// A part read whole, refused once it inflates past what its entry declares.
    static func part(_ path: String, in archive: Archive, limits: Limits) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        let budget = try self.budget(entry, cap: limits.partBytes)
        var data = Data()
        // Room for the whole part at once, rather than copying a large part as it grows.
        data.reserveCapacity(Int(budget))
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
            guard data.count + chunk.count <= budget else { throw Failure.tooLarge }
            data.append(chunk)
        }
        return data
    }

    /// A large real sheet compresses about 16 to 1; a zip bomb hundreds or thousands to 1.
    static let largestRatio: Int64 = 100

    /// What an entry may inflate to: what it declares, when that is within `cap` and within a
    /// ratio no real workbook comes near. Refused before anything is inflated otherwise; and
    /// since more than it declares is a lie, the count stops there too.
    static func budget(_ entry: Entry, cap: Int64) throws -> Int64 {
        let declared = Int64(clamping: entry.uncompressedSize), packed = Int64(clamping: entry.compressedSize)
        guard declared <= cap, declared <= max(1 << 20, packed * self.largestRatio) else { throw Failure.tooLarge }
        return declared
    }
}
