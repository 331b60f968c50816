import Foundation

/// Fills a Word (.docx) template: `{{name}}` in the text becomes the value named so, and a
/// table row holding `{{lines.field}}` is repeated once per row of the table `lines`, with
/// `{{lines.field}}` taken from each. Word often splits what a person typed into several runs;
/// a paragraph holding a placeholder is first joined into its first run, so the placeholder is
/// found whole (the paragraph keeps that run's formatting).
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
        package.set(Self.documentPart, Data(self.fill(xml: String(decoding: body, as: UTF8.self)).utf8))
        return try package.written()
    }

    public func fill(xml: String) -> String {
        var text = Self.joinPlaceholderRuns(xml)
        for (name, rows) in self.tables { text = Self.repeatRows(text, table: name, rows: rows) }
        return Self.replace(text) { self.values[$0] }
    }

    /// `{{key}}` replaced by `value(key)`, escaped; unknown keys become empty.
    static func replace(_ xml: String, _ value: (String) -> String?) -> String {
        var out = "", rest = Substring(xml)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let key = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            out += XMLText.escaped(value(key) ?? "")
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// Every `<w:tr>` that names `{{table.` is written once per row, with that row's values.
    static func repeatRows(_ xml: String, table: String, rows: [[String: String]]) -> String {
        let marker = "{{" + table + "."
        var out = "", rest = Substring(xml)
        while let start = Self.element("w:tr", in: rest), rest[start].contains(marker) {
            out += rest[..<start.lowerBound]
            let row = String(rest[start])
            for values in rows {
                out += Self.replace(row) { key in key.hasPrefix(table + ".") ? values[String(key.dropFirst(table.count + 1))] ?? "" : "{{\(key)}}" }
            }
            rest = rest[start.upperBound...]
        }
        // Rows of the table further on (after a row that does not name it) are found by going on.
        if let start = Self.element("w:tr", in: rest), !rest[start].contains(marker), rest[start.upperBound...].contains(marker) {
            return out + rest[..<start.upperBound] + Self.repeatRows(String(rest[start.upperBound...]), table: table, rows: rows)
        }
        return out + rest
    }

    /// The range of the first whole `<tag …>…</tag>` or `<tag …/>` in `text` (not matching
    /// longer tag names).
    static func element(_ tag: String, in text: Substring) -> Range<Substring.Index>? {
        var search = text.startIndex
        while let open = text[search...].range(of: "<" + tag) {
            let next = text[open.upperBound]
            if next == ">" || next == " " || next == "/" {
                guard let end = text[open.upperBound...].firstIndex(of: ">") else { return nil }
                if text[text.index(before: end)] == "/" { return open.lowerBound..<text.index(after: end) }
                guard let close = text[open.upperBound...].range(of: "</" + tag + ">") else { return nil }
                return open.lowerBound..<close.upperBound
            }
            search = open.upperBound
        }
        return nil
    }

    /// Joins the text of every paragraph that holds `{{` into its first `<w:t>`.
    static func joinPlaceholderRuns(_ xml: String) -> String {
        var out = "", rest = Substring(xml)
        while let paragraph = Self.element("w:p", in: rest) {
            out += rest[..<paragraph.lowerBound]
            out += Self.joined(rest[paragraph])
            rest = rest[paragraph.upperBound...]
        }
        return out + rest
    }

    static func joined(_ paragraph: Substring) -> String {
        var texts: [Range<Substring.Index>] = [], search = paragraph.startIndex
        while let t = Self.element("w:t", in: paragraph[search...]) {
            texts.append(t)
            search = t.upperBound
        }
        let contents = texts.map { range -> Substring in
            let element = paragraph[range]
            guard let start = element.firstIndex(of: ">"), let end = element.range(of: "</w:t>", options: .backwards) else { return "" }
            return element[element.index(after: start)..<end.lowerBound]
        }
        let whole = contents.joined()
        guard whole.contains("{{"), contents.count > 1 else { return String(paragraph) }
        var out = "", position = paragraph.startIndex
        for (index, range) in texts.enumerated() {
            out += paragraph[position..<range.lowerBound]
            out += index == 0 ? "<w:t xml:space=\"preserve\">" + whole + "</w:t>" : "<w:t></w:t>"
            position = range.upperBound
        }
        return out + paragraph[position...]
    }
}
