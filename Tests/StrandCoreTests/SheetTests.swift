import Foundation
import StrandCore
@testable import StrandOffice
import Testing

@Suite struct SheetTests {
    static let tricky: [SheetCell] = [
        .text("2/4"), .text("1-2"), .text("00123"), .text("=1+1"), .text("@SUM(A1)"), .text("110101199003071234"),
        .text("深圳华强 😀"), .text("第一行\n第二行"), .text("a\r\nb"), .text("<&\"'>"), .text("_x000D_ kept"),
        .number("1234.50", format: .money(symbol: "¥")), .number("-7", format: .integer), .number("3.14159"),
        .date(days: CalendarDay("2026-02-04")!.daysSinceEpoch),
        .dateTime(days: CalendarDay("2026-11-24")!.daysSinceEpoch, seconds: 9 * 3600 + 30 * 60),
        .bool(true), .empty, .text(" leading and trailing "),
    ]

    @Test func aWorkbookReadsBackCellForCell() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try XlsxWriter(directory: directory.appendingPathComponent("work"))
        try writer.beginSheet("客户/Customers?", header: (0..<Self.tricky.count).map { "列\($0)" })
        for _ in 0..<250 { try writer.append(Self.tricky) }
        try writer.beginSheet("客户/Customers?", header: ["only"])
        try writer.append([.text("second")])
        let file = directory.appendingPathComponent("out.xlsx")
        try writer.finish(to: file)

        let reader = try XlsxReader(url: file)
        #expect(reader.sheetNames == ["客户_Customers_", "客户_Customers_ (2)"])
        let rows = try reader.rows()
        #expect(rows.count == 251)
        #expect(rows[0].first == .text("列0"))
        var expected = Self.tricky
        while expected.last == .empty { expected.removeLast() }
        let read = rows[1].map { cell -> SheetCell in
            // Number formats are not read back; the digits are.
            if case .number(let digits, _) = cell { return .number(digits) }
            return cell
        }
        let plain = expected.map { cell -> SheetCell in
            if case .number(let digits, _) = cell { return .number(digits) }
            return cell
        }
        #expect(read == plain)
        #expect(try reader.rows(sheet: 1) == [[.text("only")], [.text("second")]])
    }

    /// Our XML scanner on parts written by hand the ways other programs write them: prefixes,
    /// single quotes, entities and character references, CDATA, comments, CR LF in text.
    @Test func partsAsOtherProgramsWriteThem() throws {
        let sheet = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
            <!-- <row r="9"> written by hand -->
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
            <x:row r="1"><x:c r="A1" t='inlineStr'><x:is><x:t xml:space="preserve">a &amp; b &lt;c&gt; &#x4E2D;&#25991;&#13;_x000A_</x:t></x:is></x:c>\
            <x:c r="C1" t="str"><x:v><![CDATA[<raw> & text]]></x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>one\r\ntwo</x:t></x:is></x:c></x:row>
            <x:row r="3"><x:c r="B3"><x:v>42</x:v></x:c><x:c r="C3" s="1"/></x:row>
            </x:sheetData></x:worksheet>
            """
        let rows = try SheetCells(Data(sheet.utf8)).rows.map { $0.map(\.value) }
        #expect(rows == [["a & b <c> 中文\r\n", "", "<raw> & text", "one\ntwo"], [], ["", "42"]])
        let strings = SharedStringList(Data("<sst><si><t>深圳</t><rPh><t>shenzhen</t></rPh></si><si><r><t>a</t></r><r><t xml:space='preserve'> b</t></r></si></sst>".utf8))
        #expect(strings.strings == ["深圳", "a b"])
    }

    /// A large sheet is read in pieces as it inflates; it reads as one, missing rows and all, also
    /// when the cut falls in a CDATA section that holds a row tag.
    @Test(arguments: ["第%d行 &amp; &#x4E2D;", "<![CDATA[ <row r=\"1\"> %d]]>"])
    func aLargeSheetReadsAsOneWhereverItIsCut(_ text: String) throws {
        var xml = "<worksheet><sheetData>"
        for number in 1...60_000 where number % 7 != 0 {
            xml += "<row r=\"\(number)\"><c r=\"B\(number)\" t=\"str\"><v>" + String(format: text, number) + "</v></c></row>"
        }
        xml += "</sheetData></worksheet>"
        let rows = try SheetCells(Data(xml.utf8)).rows
        #expect(rows.count == 60_000 && rows[6].isEmpty && rows[13].isEmpty)
        let shown = text.hasPrefix("<!") ? " <row r=\"1\"> %d" : "第%d行 & 中"
        #expect(rows.indices.allSatisfy { ($0 + 1) % 7 == 0 || rows[$0].map(\.value) == ["", String(format: shown, $0 + 1)] })
    }

    @Test func sheetNamesAreValidAndUnique() {
        #expect(SheetName.unique("a[b]c:d*e?f/g\\h", taken: []) == "a_b_c_d_e_f_g_h")
        #expect(SheetName.unique(String(repeating: "长", count: 40), taken: []).count == 31)
        #expect(SheetName.unique("Sheet", taken: ["sheet"]) == "Sheet (2)")
        #expect(SheetName.unique("''", taken: []) == "Sheet")
        #expect(SheetName.column(0) == "A" && SheetName.column(25) == "Z" && SheetName.column(26) == "AA" && SheetName.column(701) == "ZZ")
    }

    @Test func excelDaysInBothSystems() {
        let day = CalendarDay("2026-02-04")!.daysSinceEpoch
        #expect(SheetDate.serial(days: day) == 46057)
        #expect(SheetDate.days(serial: 46057)?.days == day)
        #expect(SheetDate.days(serial: 46057 - 1462, date1904: true)?.days == day)
        #expect(SheetDate.days(serial: 46057.5)?.seconds == 43_200)
        #expect(SheetDate.days(serial: 1)?.days == CalendarDay("1900-01-01")!.daysSinceEpoch)
        // Numbers no date cell holds stay numbers rather than stop the server.
        #expect(SheetDate.days(serial: .nan) == nil && SheetDate.days(serial: 1e300) == nil && SheetDate.days(serial: -1) == nil)
    }

    @Test func csvInUTF8AndGB18030() throws {
        let text = "名称,电话\r\n\"深圳,华强\",0755-12345678\r\n\"说\"\"好\"\"\",\"两\n行\"\r\n"
        let gb = CsvText.encode(text, as: .gb18030)
        #expect(CsvText.detect(gb) == .gb18030)
        #expect(try CsvText.decode(gb) == text)
        let bom = CsvText.encode(text, as: .utf8)
        #expect(CsvText.detect(bom) == .utf8 && bom.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try CsvText.decode(bom) == text)
        #expect(try CsvText.decode(Data(text.utf8)) == text)
        #expect(CsvText.records(text) == [["名称", "电话"], ["深圳,华强", "0755-12345678"], ["说\"好\"", "两\n行"]])
        #expect(CsvText.records("a,b\nc,") == [["a", "b"], ["c", ""]])
    }

    @Test func csvNeverWritesAFormula() {
        #expect(CsvText.line([.text("=1+1"), .text("+86"), .text("-x"), .text("@SUM(A1)"), .number("-5"), .text("a,\"b\"")])
                == "'=1+1,'+86,'-x,'@SUM(A1),-5,\"a,\"\"b\"\"\"\r\n")
    }

    @Test func vCardsOfEveryVersion() throws {
        let cards = """
            BEGIN:VCARD
            VERSION:2.1
            N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=BC=9F;;;
            TEL;CELL;VOICE:13800138000
            TEL;WORK:0755-12345678
            ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=8D=8E=E5=BC=BA=E7=94=B5=E5=AD=90;=E9=94=80=E5=94=AE=E9=83=A8
            END:VCARD
            BEGIN:VCARD
            VERSION:3.0
            FN:李娜
            N:李;娜;;;
            TITLE:采购经理
            EMAIL;TYPE=INTERNET,WORK:lina@example.cn
            ADR;TYPE=WORK:;;科技园南路 1 号;深圳;广东;518000;中国
            NOTE:展会认识\\, 想要报价\\n下周联系
            END:VCARD
            BEGIN:VCARD
            VERSION:4.0
            FN:Wang
             Fang
            TEL;VALUE=uri;TYPE="cell,voice":tel:+86-139-0000-0000
            BDAY:19900307
            END:VCARD
            """
        let rows = try VCardReader.rows(Data((cards + "\nBEGIN:VCARD\nTEL;=:1\nEND:VCARD").utf8))
        #expect(rows.count == 4)
        let column = { (row: Int, name: String) in rows[row][VCardReader.header.firstIndex(of: name)!] }
        #expect(column(0, "name") == .text("张伟"))
        #expect(column(0, "mobile") == .text("13800138000"))
        #expect(column(0, "phone") == .text("0755-12345678"))
        #expect(column(0, "company") == .text("华强电子") && column(0, "department") == .text("销售部"))
        #expect(column(1, "name") == .text("李娜") && column(1, "title") == .text("采购经理"))
        #expect(column(1, "email") == .text("lina@example.cn"))
        #expect(column(1, "address") == .text("科技园南路 1 号 深圳 广东 518000 中国"))
        #expect(column(1, "note") == .text("展会认识, 想要报价\n下周联系"))
        #expect(column(2, "name") == .text("WangFang"))
        #expect(column(2, "mobile") == .text("+86-139-0000-0000"))
        #expect(column(2, "birthday") == .text("19900307"))
    }
}
