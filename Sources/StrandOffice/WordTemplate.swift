import Foundation

/// Fills a Word (.docx) template: `{{name}}` in the text becomes the value named so, and a
/// table row holding `{{lines.field}}` is repeated once per row of the table `lines`, with
/// `{{lines.field}}` taken from each. Word often splits what a person typed into several runs;
/// a paragraph holding a placeholder is first joined into its first run, so the placeholder is
/// found whole (the paragraph keeps that run's formatting). The XML is read as UTF-8 bytes in
/// single passes, so a 200-row table costs what its bytes cost.
public struct WordTemplate: Sendable {
    public var values: [String: String]
    public var tables: [String: [[String: String]]]

    public init(values: [String: String], tables: [String: [[String: String]]] = [:]) {
        self.values = values
        self.tables = tables
    }

    public static let documentPart = "word/document.xml"

    public func fill(_ template: Data) throws -> Data {
        var package = try OfficePackage(reading: template)
        guard let body = package.part(Self.documentPart) else { throw OfficePackage.Failure.missingPart(Self.documentPart) }
        package.set(Self.documentPart, Data(self.fill(xml: Array(body))))
        return try package.written()
    }

    public func fill(xml: String) -> String {
        String(decoding: self.fill(xml: Array(xml.utf8)), as: UTF8.self)
    }

    func fill(xml: [UInt8]) -> [UInt8] {
        let joined = XMLBytes.joinPlaceholderRuns(xml)
        let repeated = XMLBytes.repeatRows(joined, tables: self.tables)
        return XMLBytes.replace(repeated[...]) { key in self.values[key].map { .value($0) } ?? .value("") }
    }
}

/// The byte-level passes of `WordTemplate`.
enum XMLBytes {
    static let open = Array("{{".utf8), close = Array("}}".utf8)

    enum Replacement {
        case value(String)
        case keep
    }

    /// The first index of `pattern` in `bytes[from..<to]`.
    static func find(_ pattern: [UInt8], in bytes: ArraySlice<UInt8>, from: Int) -> Int? {
        guard let first = pattern.first, from <= bytes.endIndex - pattern.count else { return nil }
        var index = from
        let last = bytes.endIndex - pattern.count
        while index <= last {
            if bytes[index] == first && bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    /// `{{key}}` replaced as `value(key)` says, escaped; `.keep` leaves the placeholder.
    static func replace(_ bytes: ArraySlice<UInt8>, _ value: (String) -> Replacement) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var position = bytes.startIndex
        while let start = find(self.open, in: bytes, from: position), let end = find(self.close, in: bytes, from: start + 2) {
            out += bytes[position..<start]
            let key = String(decoding: bytes[start + 2..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            switch value(key) {
            case .value(let text): out += Array(XMLText.escaped(text).utf8)
            case .keep: out += bytes[start..<end + 2]
            }
            position = end + 2
        }
        return out + bytes[position...]
    }

    /// The span of the first whole `<tag …>…</tag>` or `<tag …/>` from `from` (not matching
    /// longer tag names).
    static func element(_ tag: String, in bytes: ArraySlice<UInt8>, from: Int) -> Range<Int>? {
        let start = Array(("<" + tag).utf8), end = Array(("</" + tag + ">").utf8)
        var search = from
        while let open = find(start, in: bytes, from: search) {
            let after = open + start.count
            guard after < bytes.endIndex else { return nil }
            let next = bytes[after]
            if next == UInt8(ascii: ">") || next == UInt8(ascii: " ") || next == UInt8(ascii: "/") {
                guard let closing = bytes[after...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                if bytes[closing - 1] == UInt8(ascii: "/") { return open..<closing + 1 }
                guard let finish = find(end, in: bytes, from: after) else { return nil }
                return open..<finish + end.count
            }
            search = after
        }
        return nil
    }

    /// Every `<w:tr>` naming `{{table.` of a table given is written once per row of it.
    static func repeatRows(_ bytes: [UInt8], tables: [String: [[String: String]]]) -> [UInt8] {
        guard !tables.isEmpty else { return bytes }
        let markers = tables.keys.map { (name: $0, marker: Array(("{{" + $0 + ".").utf8)) }
        let all = bytes[...]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var position = 0
        while let row = element("w:tr", in: all, from: position) {
            out += all[position..<row.lowerBound]
            let span = all[row]
            if let table = markers.first(where: { find($0.marker, in: span, from: span.startIndex) != nil }) {
                let prefix = table.name + "."
                for values in tables[table.name] ?? [] {
                    out += replace(span) { key in key.hasPrefix(prefix) ? .value(values[String(key.dropFirst(prefix.count))] ?? "") : .keep }
                }
            } else {
                out += span
            }
            position = row.upperBound
        }
        return out + all[position...]
    }

    /// Joins the text of every paragraph holding `{{` into its first `<w:t>`.
    static func joinPlaceholderRuns(_ bytes: [UInt8]) -> [UInt8] {
        let all = bytes[...]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var position = 0
        while let paragraph = element("w:p", in: all, from: position) {
            out += all[position..<paragraph.lowerBound]
            out += self.joined(all[paragraph])
            position = paragraph.upperBound
        }
        return out + all[position...]
    }

    static func joined(_ paragraph: ArraySlice<UInt8>) -> [UInt8] {
        guard paragraph.contains(UInt8(ascii: "{")) else { return Array(paragraph) }
        var texts: [(element: Range<Int>, content: Range<Int>)] = []
        var search = paragraph.startIndex
        while let t = element("w:t", in: paragraph, from: search) {
            if let startTag = paragraph[t].firstIndex(of: UInt8(ascii: ">")), paragraph[startTag - 1] != UInt8(ascii: "/") {
                texts.append((t, startTag + 1..<t.upperBound - 6))
            }
            search = t.upperBound
        }
        let whole = texts.flatMap { paragraph[$0.content] }
        guard texts.count > 1, find(self.open, in: whole[...], from: 0) != nil else { return Array(paragraph) }
        var out: [UInt8] = []
        var position = paragraph.startIndex
        for (index, text) in texts.enumerated() {
            out += paragraph[position..<text.element.lowerBound]
            out += index == 0 ? Array("<w:t xml:space=\"preserve\">".utf8) + whole + Array("</w:t>".utf8) : Array("<w:t></w:t>".utf8)
            position = text.element.upperBound
        }
        return out + paragraph[position...]
    }
}
