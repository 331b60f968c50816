import Foundation
import StrandCore
import StrandStore

/// A document's lines on the web: as JSON in the API, as a table on its page and its printout,
/// and as rows of inputs in its form. A form row names its product by code (typed, with the
/// catalogue offered as suggestions); the API by `product_id` or `product_code`.
enum LineRows {
    static let formColumns = ["product_code", "quantity", "discount", "notes"]
    /// Blank rows a form offers below the lines, for new ones without JavaScript.
    static let spareRows = 3

    /// The rows a form shows for stored lines, as the text its control receives.
    static func text(_ lines: [LineItem]) -> String {
        self.encode(lines.map { line in
            ["product_code": line.code, "name": line.name, "quantity": ScaledDecimal.format(line.quantity, scale: 2),
             "discount": ScaledDecimal.format(line.discount, scale: 2), "notes": line.notes]
        })
    }

    static func encode(_ rows: [[String: String]]) -> String {
        String(decoding: (try? JSONEncoder.sorted.encode(rows)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func rows(_ text: String) -> [[String: String]] {
        (try? JSONDecoder().decode([[String: String]].self, from: Data(text.utf8))) ?? []
    }

    /// `lines[3][quantity]=2` and its kind, in row order.
    static func submitted(_ fields: [String: String], key: String) -> [[String: String]]? {
        var rows: [Int: [String: String]] = [:]
        let prefix = key + "["
        for (name, value) in fields where name.hasPrefix(prefix) {
            let parts = name.dropFirst(prefix.count).split(separator: "]", omittingEmptySubsequences: true)
            guard parts.count == 2, let index = Int(parts[0]), (0..<LineItems.maximumCount + spareRows).contains(index),
                  parts[1].hasPrefix("[") else { continue }
            rows[index, default: [:]][String(parts[1].dropFirst())] = value
        }
        return rows.isEmpty ? nil : rows.keys.sorted().map { rows[$0]! }
    }
}

extension LineItem {
    var json: JSON {
        let money = { (fen: Int64) in JSON.string(ScaledDecimal.format(fen, scale: 2)) }
        return .object([
            "product_id": .int(self.productId), "name": .string(self.name), "code": .string(self.code), "unit": .string(self.unit),
            "specification": .string(self.specification), "category_id": .int(self.categoryId),
            "quantity": money(self.quantity), "list_price": money(self.listPrice), "discount": money(self.discount),
            "unit_price": money(self.unitPrice), "tax_rate": money(self.taxRate), "amount": money(self.amount),
            "tax": money(self.tax), "total": money(self.total), "notes": .string(self.notes),
        ])
    }

    static var openAPISchema: JSON {
        let decimal = JSON.object(["type": .string("string"), "description": .string("exact decimal")])
        let readOnly = JSON.object(["type": .string("string"), "readOnly": .bool(true)])
        return .object(["type": .string("object"), "required": .array([.string("quantity")]), "properties": .object([
            "product_id": .object(["type": .string("integer"), "format": .string("int64")]),
            "product_code": .object(["type": .string("string"), "description": .string("instead of product_id")]),
            "quantity": decimal, "discount": .object(["type": .string("string"), "description": .string("percent off the price book's price")]),
            "notes": .object(["type": .string("string"), "maxLength": .int(200)]),
            "name": readOnly, "code": readOnly, "unit": readOnly, "list_price": readOnly, "unit_price": readOnly,
            "tax_rate": readOnly, "amount": readOnly, "tax": readOnly, "total": readOnly,
        ])])
    }
}

/// The lines as a table with the document's totals under it, for its page and its printout.
enum LinesTable {
    static func render(_ context: PageContext, _ lines: [LineItem], record: Record) -> Node {
        let s = context.strings
        let money = Money.full
        let totals = LineTotals(lines)
        return el("div", .class("table-wrap")) {
            el("table", .class("lines")) {
                el("thead") {
                    el("tr") {
                        el("th") { "#" }
                        for column in ["product", "specification", "unit", "quantity", "list_price", "discount", "unit_price", "amount", "tax_rate", "tax", "total"] {
                            el("th") { s("line.\(column)") }
                        }
                    }
                }
                el("tbody") {
                    for (index, line) in lines.enumerated() {
                        el("tr") {
                            el("td") { String(index + 1) }
                            el("td") { line.code.isEmpty ? line.name : "\(line.name) (\(line.code))" }
                            el("td") { line.specification }
                            el("td") { line.unit }
                            el("td", .class("number")) { ScaledDecimal.format(line.quantity, scale: 2) }
                            el("td", .class("number")) { money(line.listPrice) }
                            el("td", .class("number")) { ScaledDecimal.format(line.discount, scale: 2) + "%" }
                            el("td", .class("number")) { money(line.unitPrice) }
                            el("td", .class("number")) { money(line.amount) }
                            el("td", .class("number")) { ScaledDecimal.format(line.taxRate, scale: 2) + "%" }
                            el("td", .class("number")) { money(line.tax) }
                            el("td", .class("number")) { money(line.total) }
                        }
                    }
                }
                el("tfoot") {
                    self.totalRow(s("line.list_amount"), money(totals.listAmount))
                    self.totalRow(s("line.discount_amount"), money(totals.discountAmount))
                    self.totalRow(s("line.amount_total"), money(totals.amount))
                    self.totalRow(s("line.tax_total"), money(totals.tax))
                    self.totalRow(s("line.grand_total"), money(totals.total))
                    self.totalRow(s("line.in_words"), ChineseAmount.words(fen: totals.total))
                }
            }
        }
    }

    static func totalRow(_ label: String, _ value: String) -> Node {
        el("tr") {
            el("th", Attribute("colspan", "11"), .class("number")) { label }
            el("td", .class("number")) { value }
        }
    }
}

/// The lines of a form: a row of inputs per line and a few blank ones; a script adds more rows
/// and the catalogue is offered as suggestions for the product code.
enum LineEditor {
    static func render(_ field: FieldDefinition, rows: [[String: String]], products: [FieldDefinition.Option], strings s: Strings) -> Node {
        let listId = "products-\(field.key)"
        let all = rows + Array(repeating: [:], count: LineRows.spareRows)
        return el("div", .class("line-editor"), .id("f-\(field.key)"), .data("data-next", String(all.count))) {
            el("datalist", .id(listId)) {
                for product in products { el("option", .value(product.value)) { product.label } }
            }
            el("div", .class("table-wrap")) {
                el("table", .class("lines")) {
                    el("thead") {
                        el("tr") {
                            el("th") { "#" }
                            for column in ["product", "quantity", "discount", "notes"] { el("th") { s("line.\(column)") } }
                        }
                    }
                    el("tbody") {
                        for (index, row) in all.enumerated() { self.row(field.key, index: index, row: row, listId: listId, strings: s) }
                    }
                }
            }
            el("button", .type("button"), .class("add-line")) { s("line.add") }
        }
    }

    static func row(_ key: String, index: Int, row: [String: String], listId: String, strings s: Strings) -> Node {
        func name(_ column: String) -> String { "\(key)[\(index)][\(column)]" }
        return el("tr") {
            el("td") { String(index + 1) }
            el("td") {
                el("input", .name(name("product_code")), .type("text"), .value(row["product_code"] ?? ""), Attribute("list", listId),
                   .aria(label: s("line.product")), Attribute("maxlength", "50"))
                if let label = row["name"], !label.isEmpty { el("small") { label } }
            }
            el("td") { el("input", .name(name("quantity")), .type("text"), Attribute("inputmode", "decimal"), .value(row["quantity"] ?? ""), .aria(label: s("line.quantity"))) }
            el("td") { el("input", .name(name("discount")), .type("text"), Attribute("inputmode", "decimal"), .value(row["discount"] ?? ""), .aria(label: s("line.discount"))) }
            el("td") { el("input", .name(name("notes")), .type("text"), .value(row["notes"] ?? ""), Attribute("maxlength", "200"), .aria(label: s("line.notes"))) }
        }
    }
}
