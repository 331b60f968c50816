import Foundation

/// Writes a plain, well-formed Word document from blocks: Strand's own default templates are
/// built with it (their placeholders then filled by `WordTemplate`, as an administrator's
/// templates are). A4, Song typeface for Chinese, tables with thin borders.
public struct WordBuilder: Sendable {
    public enum Block: Sendable {
        case title(String)
        case paragraph(String, bold: Bool = false)
        /// Header cells and one row of cell texts (the row a template repeats).
        case table(headers: [String], row: [String])
        /// Label and value pairs, two to a row.
        case fields([(String, String)])
        case signatures([String])
    }

    public var blocks: [Block]

    public init(_ blocks: [Block]) {
        self.blocks = blocks
    }

    /// The usable width of an A4 page with 2 cm margins, in twentieths of a point.
    static let width = 9_638

    public func document() throws -> Data {
        var package = OfficePackage()
        package.set("[Content_Types].xml", Data(Self.contentTypes.utf8))
        package.set("_rels/.rels", Data(Self.packageRelationships.utf8))
        package.set("word/_rels/document.xml.rels", Data(Self.documentRelationships.utf8))
        package.set("word/styles.xml", Data(Self.styles.utf8))
        package.set(WordTemplate.documentPart, Data(self.body().utf8))
        return try package.written()
    }

    func body() -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
        for block in self.blocks { xml += Self.render(block) }
        xml += #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
        return xml
    }

    static func render(_ block: Block) -> String {
        switch block {
        case .title(let text):
            return #"<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr>"# + self.run(text, bold: true, size: 36) + "</w:p>"
        case .paragraph(let text, let bold):
            return "<w:p>" + self.run(text, bold: bold) + "</w:p>"
        case .table(let headers, let row):
            let widths = Array(repeating: self.width / max(1, headers.count), count: headers.count)
            return self.table(widths: widths, rows: [headers.map { ($0, true) }, row.map { ($0, false) }])
        case .fields(let pairs):
            var rows: [[(String, Bool)]] = []
            for start in stride(from: 0, to: pairs.count, by: 2) {
                let pair = pairs[start..<min(start + 2, pairs.count)].flatMap { [($0.0, true), ($0.1, false)] }
                rows.append(pair + Array(repeating: ("", false), count: 4 - pair.count))
            }
            let quarter = self.width / 4
            return self.table(widths: [quarter - 400, quarter + 400, quarter - 400, quarter + 400], rows: rows)
        case .signatures(let lines):
            return lines.map { #"<w:p><w:pPr><w:spacing w:before="480"/></w:pPr>"# + self.run($0) + "</w:p>" }.joined()
        }
    }

    static func run(_ text: String, bold: Bool = false, size: Int? = nil) -> String {
        var properties = bold ? "<w:b/>" : ""
        if let size { properties += #"<w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/>"# }
        let props = properties.isEmpty ? "" : "<w:rPr>" + properties + "</w:rPr>"
        return "<w:r>" + props + #"<w:t xml:space="preserve">"# + XMLText.escaped(text) + "</w:t></w:r>"
    }

    static func table(widths: [Int], rows: [[(String, Bool)]]) -> String {
        let border = #"w:val="single" w:sz="4" w:space="0" w:color="808080""#
        var xml = #"<w:tbl><w:tblPr><w:tblW w:w="\#(self.width)" w:type="dxa"/><w:tblBorders>"#
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] { xml += "<w:\(side) \(border)/>" }
        xml += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        xml += widths.map { #"<w:gridCol w:w="\#($0)"/>"# }.joined() + "</w:tblGrid>"
        for row in rows {
            xml += "<w:tr>"
            for (index, cell) in row.enumerated() {
                xml += #"<w:tc><w:tcPr><w:tcW w:w="\#(widths[min(index, widths.count - 1)])" w:type="dxa"/></w:tcPr><w:p>"#
                xml += self.run(cell.0, bold: cell.1, size: 18) + "</w:p></w:tc>"
            }
            xml += "</w:tr>"
        }
        return xml + "</w:tbl><w:p/>"
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="SimSun" w:cs="Arial"/>\
        <w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>
        """
}
