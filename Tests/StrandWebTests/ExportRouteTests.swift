import Foundation
import StrandCore
import StrandOffice
import StrandTesting
import StrandWeb
import Testing
import VaporTesting

/// Lists exported as shown: typed .xlsx cells, CSV that Excel opens and that never holds a
/// formula, the reader's scope, and a workbook with a sheet per customer.
@Suite struct ExportRouteTests {
    static let names = ["2/4", "=1+1", "00123", "@SUM(A1)", "深圳华强 😀"]

    @Test(arguments: TestBackend.available)
    func listsExportAsShownWithTypedCells(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let admin = WebSession(app)
            admin.bearer = try await admin.token("admin", WebSession.adminPassword)
            _ = try await admin.department("华南销售部", people: [("alice", "sales_rep")])
            for name in Self.names {
                let made = try await admin.send(.POST, "/api/v1/customers", json: #"{"name":"\#(name)","province":"1-2","phone":"0755-12345678","grade":"A"}"#)
                #expect(made.status == .created)
            }
            #expect(try await admin.send(.POST, "/api/v1/opportunities", json: #"""
                {"name":"华强扩容","customer_id":1,"amount":"1234.50","stage":"proposal","expected_close":"2026-02-04"}
                """#).status == .created)
            let alice = WebSession(app)
            alice.bearer = try await alice.token("alice", "Secret-alice-2026")
            #expect(try await alice.send(.POST, "/api/v1/customers", json: #"{"name":"爱丽丝的客户"}"#).status == .created)

            let page = WebSession(app)
            try await page.signIn("admin", WebSession.adminPassword)
            #expect(try await page.send(.GET, "/customers").body.string.contains("/customers/export?"))
            let xlsx = try await page.send(.GET, "/customers/export?format=xlsx&sort=name")
            #expect(xlsx.status == .ok && xlsx.headers.first(name: .contentDisposition)?.contains(".xlsx") == true)
            let rows = try XlsxReader(data: Data(buffer: xlsx.body)).rows()
            #expect(rows.count == Self.names.count + 2)
            let header = rows[0]
            #expect(header.first == .text("客户名称"))
            let byName = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0].shown, $0) })
            for name in Self.names { #expect(byName[name]?.first == .text(name)) }
            let phone = try #require(header.firstIndex(of: .text("电话")))
            #expect(byName["=1+1"]?[phone] == .text("0755-12345678"))
            #expect(byName["=1+1"]?.contains(.text("1-2")) == true)
            if case .dateTime = byName["2/4"]?.last {} else { Issue.record("updated_at is not a date-time cell") }

            let deals = try XlsxReader(data: Data(buffer: try await page.send(.GET, "/opportunities/export?format=xlsx").body)).rows()
            #expect(deals[1].contains(.number("1234.50")))
            #expect(deals[1].contains(.date(days: CalendarDay("2026-02-04")!.daysSinceEpoch)))

            // CSV: a byte-order mark, formulas defused, the list's filter applied.
            let csv = try await page.send(.GET, "/customers/export?format=csv&q=%3D1%2B1")
            let bytes = Data(buffer: csv.body)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let text = try CsvText.decode(bytes)
            #expect(text.contains("'=1+1,") && !text.contains("00123"))
            let gbk = try await page.send(.GET, "/customers/export?format=csv&encoding=gb18030")
            #expect(try CsvText.decode(Data(buffer: gbk.body), as: .gb18030).contains("深圳华强"))

            // A salesperson exports what she may see, and nothing more.
            let own = WebSession(app)
            try await own.signIn("alice", "Secret-alice-2026")
            let hers = try CsvText.records(CsvText.decode(Data(buffer: try await own.send(.GET, "/customers/export?format=csv").body)))
            #expect(hers.count == 2 && hers[1].first == "爱丽丝的客户")

            // A sheet per customer, with its related lists.
            let book = try await page.send(.GET, "/customers/export?format=xlsx&per=record&related=opportunities&related=contacts&q=%3D1%2B1")
            let reader = try XlsxReader(data: Data(buffer: book.body))
            #expect(reader.sheetNames == ["=1+1"])
            let sheet = try reader.rows()
            #expect(sheet.first == [.text("字段"), .text("内容")] && sheet.contains([.text("客户名称"), .text("=1+1")]))
            #expect(sheet.contains([.text("联系人")]) && sheet.contains([.text("商机")]))
        }
    }

    /// A reader's chosen columns are what their list and its export show; unknown or hidden
    /// fields are refused and change nothing; another reader keeps the entity's own columns.
    @Test(arguments: TestBackend.available)
    func theChosenColumnsAreTheListsAndTheExports(_ backend: TestBackend) async throws {
        try await WebSession.withApp(backend) { app in
            let admin = WebSession(app)
            admin.bearer = try await admin.token("admin", WebSession.adminPassword)
            _ = try await admin.department("列设置部", people: [("chooser", "manager")])
            let owner = WebSession(app)
            owner.bearer = try await owner.token("chooser", "Secret-chooser-2026")
            #expect(try await owner.send(.POST, "/api/v1/customers", json: #"{"name":"选列客户","email":"lie@example.com","phone":"0755-1234567"}"#).status == .created)
            let page = WebSession(app)
            try await page.signIn("chooser", "Secret-chooser-2026")
            try await page.send(.GET, "/customers")
            #expect(try await page.send(.POST, "/customers/columns", form: ["columns": "no_such_field"]).status == .badRequest)
            let chosen = try await page.send(.POST, "/customers/columns", form: ["columns": "email", "return_to": "/customers?q=%E9%80%89"])
            #expect(chosen.status == .seeOther && chosen.headers.first(name: .location) == "/customers?q=%E9%80%89")
            let list = try await page.send(.GET, "/customers").body.string
            #expect(list.contains("lie@example.com") && !list.contains("0755-1234567"))
            let header = try XlsxReader(data: Data(buffer: try await page.send(.GET, "/customers/export?format=xlsx").body)).rows()[0]
            #expect(header.contains(.text("邮箱")) && header.contains(.text("客户名称")) && !header.contains(.text("电话")))
            // Elsewhere is not a place to be sent back to.
            let away = try await page.send(.POST, "/customers/columns", form: ["columns": "email", "return_to": "/admin/users"])
            #expect(away.headers.first(name: .location) == "/customers")

            let other = WebSession(app)
            try await other.signIn("admin", WebSession.adminPassword)
            #expect(try await other.send(.GET, "/customers").body.string.contains("0755-1234567"))
            try await page.send(.GET, "/customers")
            #expect(try await page.send(.POST, "/customers/columns", form: ["reset": "1"]).status == .seeOther)
            #expect(try await page.send(.GET, "/customers").body.string.contains("0755-1234567"))
        }
    }
}
