import StrandCore
import StrandStore
import Vapor

/// A document as it is printed (or saved as PDF from the browser): the company's heading, the
/// parties, the lines with totals in figures and in Chinese capitals, terms and signatures.
enum PrintPage {
    static func show(_ request: Request, _ resource: String) async throws -> Response {
        let (entity, record) = try await DocumentsController.visible(request, resource)
        let lookups = try await Lookups.load(for: [record], entity: entity, request: request)
        return self.render(PageContext(request), entity: entity, record: record, lookups: lookups)
    }

    static func render(_ context: PageContext, entity: EntityDefinition, record: Record, lookups: Lookups) -> Response {
        let s = context.strings
        let title = s("entity.\(entity.key)")
        let shown = entity.fields.filter { field in
            ![.lines, .longText].contains(field.type) && !DocumentTotals.fields.contains { $0.key == field.key }
                && context.identity?.actor.access(to: field.key, of: entity.key) != .hidden
        }
        let page = el("html", Attribute("lang", s.language.htmlTag)) {
            el("head") {
                el("meta", Attribute("charset", "utf-8"))
                el("meta", .name("viewport"), Attribute("content", "width=device-width, initial-scale=1"))
                el("title") { title + " " + (record["number"].textValue ?? "") }
                el("link", Attribute("rel", "stylesheet"), .href("/assets/app.css"))
            }
            el("body", .class("print")) {
                el("main", .class("printout")) {
                    el("h1") { title }
                    el("dl", .class("fields")) {
                        for field in shown {
                            el("dt") { s.field(entity.key, field.key) }
                            el("dd") { field.display(record[field.key], entity: entity.key, strings: s, timeZone: context.timeZone, lookups: lookups) }
                        }
                    }
                    for field in entity.fields where field.type == .lines {
                        LinesTable.render(context, LineItems.decode(record[field.key]), record: record)
                    }
                    for field in entity.fields where field.type == .longText {
                        if let text = record[field.key].textValue, !text.isEmpty {
                            el("h2") { s.field(entity.key, field.key) }
                            el("div", .class("long-text")) { text }
                        }
                    }
                    el("div", .class("signatures")) {
                        el("div") { s("print.seller_signature") }
                        el("div") { s("print.buyer_signature") }
                    }
                    el("p", .class("no-print")) {
                        el("a", .href("/\(entity.resource)/\(record.id)"), .class("button")) { s("action.back") }
                    }
                }
            }
        }
        return .page(Node.document(page))
    }
}
