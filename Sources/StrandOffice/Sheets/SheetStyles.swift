/// The cell formats a workbook uses, numbered as they first appear: text as "@", numbers in
/// their format, dates as yyyy-mm-dd, and a bold header.
final class SheetStyles {
    private struct Key: Hashable {
        let numberFormat: Int
        let bold: Bool
    }

    private var keys: [Key] = [Key(numberFormat: 0, bold: false)]
    private var indexes: [Key: Int] = [Key(numberFormat: 0, bold: false): 0]
    private var custom: [(id: Int, code: String)] = []

    static let text = 49
    static let dateCode = "yyyy-mm-dd"
    static let dateTimeCode = "yyyy-mm-dd hh:mm"

    func index(for cell: SheetCell, bold: Bool) -> Int {
        let key = Key(numberFormat: self.numberFormat(of: cell), bold: bold)
        if let index = self.indexes[key] { return index }
        self.keys.append(key)
        self.indexes[key] = self.keys.count - 1
        return self.keys.count - 1
    }

    private func numberFormat(of cell: SheetCell) -> Int {
        switch cell {
        case .empty, .bool: 0
        case .text: Self.text
        case .number(_, let format): format.code.map(self.id(for:)) ?? 0
        case .date: self.id(for: Self.dateCode)
        case .dateTime: self.id(for: Self.dateTimeCode)
        }
    }

    /// Excel's built-in ids for the plain formats, numbers from 164 for the rest.
    private func id(for code: String) -> Int {
        if code == "0" { return 1 }
        if code == "0.00" { return 2 }
        if let known = self.custom.first(where: { $0.code == code }) { return known.id }
        self.custom.append((164 + self.custom.count, code))
        return 164 + self.custom.count - 1
    }

    func xml() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            """
        if !self.custom.isEmpty {
            xml += "<numFmts count=\"\(self.custom.count)\">"
            for format in self.custom { xml += "<numFmt numFmtId=\"\(format.id)\" formatCode=\"\(XMLText.escaped(format.code))\"/>" }
            xml += "</numFmts>"
        }
        xml += """
            <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
            """
        xml += "<cellXfs count=\"\(self.keys.count)\">"
        for key in self.keys {
            let font = key.bold ? 1 : 0
            xml += "<xf numFmtId=\"\(key.numberFormat)\" fontId=\"\(font)\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
            xml += (key.numberFormat != 0 ? " applyNumberFormat=\"1\"" : "") + (key.bold ? " applyFont=\"1\"" : "") + "/>"
        }
        xml += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
        return xml
    }
}

/// The parts of a workbook besides its sheets and styles.
struct WorkbookParts {
    let fixed: [(String, String)]

    init(sheets: [(name: String, columns: Int, rows: Int, filtered: Bool)], styles: String) {
        let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let package = "http://schemas.openxmlformats.org/package/2006/relationships"
        var types = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        var workbook = header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><bookViews><workbookView/></bookViews><sheets>"
        var rels = header + "<Relationships xmlns=\"\(package)\">"
        var filters = ""
        for (index, sheet) in sheets.enumerated() {
            let number = index + 1
            types += "<Override PartName=\"/xl/worksheets/sheet\(number).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            workbook += "<sheet name=\"\(XMLText.escaped(sheet.name))\" sheetId=\"\(number)\" r:id=\"rId\(number)\"/>"
            rels += "<Relationship Id=\"rId\(number)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(number).xml\"/>"
            guard sheet.filtered else { continue }
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            let last = SheetName.column(max(sheet.columns, 1) - 1)
            filters += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
                + XMLText.escaped("\(quoted)!$A$1:$\(last)$\(max(sheet.rows, 1))") + "</definedName>"
        }
        workbook += "</sheets>" + (filters.isEmpty ? "" : "<definedNames>\(filters)</definedNames>") + "</workbook>"
        rels += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/></Relationships>"
        let root = header + "<Relationships xmlns=\"\(package)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
        self.fixed = [("[Content_Types].xml", types + "</Types>"), ("_rels/.rels", root), ("xl/workbook.xml", workbook),
                      ("xl/_rels/workbook.xml.rels", rels), ("xl/styles.xml", styles)]
    }
}
