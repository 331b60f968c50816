import Foundation
import StrandCore
import StrandOffice
import StrandStore
import Vapor

/// Word documents of a record (G6): a quotation, order or contract, or a customer's file, at
/// `GET /<resource>/:id/document.docx` (and under `/api/v1`). The administrator's template for
/// the entity when one is uploaded, else Strand's own, filled with the same merge fields:
/// `{{field}}` for each field as shown on the page, `{{field_in_words}}` for amounts in
/// Chinese capitals, `{{customer.field}}`, `{{contact.field}}`, `{{owner.name}}`,
/// `{{company.name}}`, `{{today}}`, and table rows of `{{lines.…}}`, `{{plan.…}}`,
/// `{{contacts.…}}` and `{{follow_ups.…}}`.
enum WordExport {
    static let entities: Set<String> = [EntityKey.quotation, EntityKey.salesOrder, EntityKey.contract, EntityKey.customer, EntityKey.contact]
    static let contentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    static func register(pages: any RoutesBuilder, api: any RoutesBuilder, catalog: EntityCatalog) {
        for entity in catalog.entities where self.entities.contains(entity.key) {
            for routes in [pages, api] {
                routes.get(.constant(entity.resource), ":id", "document.docx") { try await self.download($0, entity.resource) }
            }
        }
        pages.get("admin", "commerce", "templates", ":file") { request -> Response in
            guard try request.requireIdentity().actor.isAdmin else { throw RecordError.forbidden }
            let entity = (request.parameters.get("file") ?? "").replacingOccurrences(of: ".docx", with: "")
            guard self.entities.contains(entity), let definition = request.strand.catalog.entity(entity) else { throw RecordError.notFound }
            let setup = try await request.strand.database.read { try await CommerceSetupStore.load(db: $0) }
            let stored = setup.templates[entity].flatMap { try? Data(contentsOf: FileStore.directory(request.strand.config.dataDirectory).appendingPathComponent($0)) }
            let data = try stored ?? StandardTemplates.template(for: definition, strings: request.strings)
            let response = Response(status: .ok, body: .init(data: data))
            response.headers.replaceOrAdd(name: .contentType, value: self.contentType)
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(entity).docx\"")
            return response
        }
        api.on(.PUT, "templates", ":entity", body: .collect(maxSize: "10mb")) { request -> Response in
            try await self.upload(request, data: Data(buffer: request.body.data ?? ByteBuffer()), entity: request.parameters.get("entity") ?? "")
            return Response(status: .noContent)
        }
        api.delete("templates", ":entity") { request -> Response in
            try await self.upload(request, data: nil, entity: request.parameters.get("entity") ?? "")
            return Response(status: .noContent)
        }
    }

    /// An administrator's template for an entity (nil: back to Strand's own). It must be a
    /// Word document; what it holds is checked by filling it.
    static func upload(_ request: Request, data: Data?, entity: String) async throws {
        let identity = try request.requireIdentity()
        guard identity.actor.isAdmin else { throw RecordError.forbidden }
        guard self.entities.contains(entity) else { throw RecordError.notFound }
        var setup = try await request.strand.database.read { try await CommerceSetupStore.load(db: $0) }
        if let data {
            guard (try? OfficePackage(reading: data))?.part(WordTemplate.documentPart) != nil,
                  (try? WordTemplate(values: [:]).fill(data)) != nil else {
                throw RecordError.invalid(ValidationFailure(["template": FieldError("not_a_word_document")]))
            }
            let stored = try await FileStore.save(data, name: "\(entity).docx", contentType: self.contentType, userId: identity.user.id,
                                                  dataDirectory: request.strand.config.dataDirectory, database: request.strand.database)
            setup.templates[entity] = stored.id
        } else {
            setup.templates[entity] = nil
        }
        try await CommerceSetupStore.save(setup, context: try request.writeContext(), database: request.strand.database)
    }

    static func download(_ request: Request, _ resource: String) async throws -> Response {
        let (entity, record) = try await DocumentsController.visible(request, resource)
        let data = try await self.document(request, entity: entity, record: record)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: self.contentType)
        let name = (record["number"].textValue.flatMap { $0.isEmpty ? nil : $0 } ?? record.title(entity)) + ".docx"
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"document.docx\"; filename*=UTF-8''" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document.docx"))
        return response
    }

    static func document(_ request: Request, entity: EntityDefinition, record: Record) async throws -> Data {
        let setup = try await request.strand.database.read { try await CommerceSetupStore.load(db: $0) }
        let fill = WordTemplate(values: try await self.values(request, entity: entity, record: record, setup: setup),
                                tables: try await self.tables(request, entity: entity, record: record))
        if let id = setup.templates[entity.key] {
            let path = FileStore.directory(request.strand.config.dataDirectory).appendingPathComponent(id)
            if let template = try? Data(contentsOf: path) { return try fill.fill(template) }
        }
        return try fill.fill(try StandardTemplates.template(for: entity, strings: request.strings))
    }

    static func values(_ request: Request, entity: EntityDefinition, record: Record, setup: CommerceSetup) async throws -> [String: String] {
        let identity = try request.requireIdentity()
        var values = try await self.fields(request, entity: entity, record: record, prefix: "")
        for link in ["customer_id", "contact_id"] where entity.field(link) != nil {
            guard let id = record[link].integerValue, let target = request.strand.catalog.entity(String(link.dropLast(3))),
                  let linked = try await request.strand.database.find(target, id: id, scope: ScopeFilter(.everything)) else { continue }
            values.merge(try await self.fields(request, entity: target, record: linked, prefix: target.key + ".")) { $1 }
        }
        let people = try await request.directoryNames().users
        values["owner.name"] = record.ownerId.flatMap { people[$0] } ?? ""
        values["company.name"] = setup.companyName
        values["today"] = DateTimeText.day(Clock.millis(), timeZone: identity.timeZone).description
        return values
    }

    /// Each field as the page shows it, and amounts also in Chinese capitals.
    /// `lookups` holds the names the record refers to; loaded for it alone when not given.
    static func fields(_ request: Request, entity: EntityDefinition, record: Record, prefix: String,
                       lookups given: Lookups? = nil) async throws -> [String: String] {
        let identity = try request.requireIdentity()
        var lookups = given ?? Lookups()
        if given == nil { lookups = try await Lookups.load(for: [record], entity: entity, request: request) }
        var values: [String: String] = [:]
        for field in entity.fields where identity.actor.access(to: field.key, of: entity.key) != .hidden {
            values[prefix + field.key] = field.display(record[field.key], entity: entity.key, strings: request.strings, timeZone: identity.timeZone, lookups: lookups)
            if field.type == .money, let fen = record[field.key].integerValue { values[prefix + field.key + "_in_words"] = ChineseAmount.words(fen: fen) }
        }
        return values
    }

    static func tables(_ request: Request, entity: EntityDefinition, record: Record) async throws -> [String: [[String: String]]] {
        var tables: [String: [[String: String]]] = [:]
        if let field = entity.fields.first(where: { $0.type == .lines }) {
            tables["lines"] = LineItems.decode(record[field.key]).enumerated().map { index, line in
                let money = Money.grouped
                return ["no": String(index + 1), "name": line.name, "code": line.code, "specification": line.specification, "unit": line.unit,
                        "quantity": ScaledDecimal.format(line.quantity, scale: 2), "list_price": money(line.listPrice),
                        "discount": ScaledDecimal.format(line.discount, scale: 2) + "%", "unit_price": money(line.unitPrice),
                        "amount": money(line.amount), "tax_rate": ScaledDecimal.format(line.taxRate, scale: 2) + "%", "tax": money(line.tax),
                        "total": money(line.total), "notes": line.notes]
            }
        }
        let children = [("plan", "instalment", "due_date", false), ("contacts", "contact", "name", false), ("follow_ups", "follow_up", "happened_at", true)]
        for (table, key, order, descending) in children {
            guard let child = request.strand.catalog.entity(key), let link = child.ownerLinkField, child.field(link)?.linkTo == entity.key else { continue }
            var query = ListQuery()
            query.filters = [ListQuery.Filter(column: link, operation: .equals([.integer(record.id)]))]
            query.sort = ListQuery.Sort(column: order, descending: descending)
            query.limit = 200
            let page = try await request.strand.database.list(child, query: query, scope: ScopeFilter(.everything))
            let lookups = try await Lookups.load(for: page.records, entity: child, request: request)
            var rows: [[String: String]] = []
            for (index, item) in page.records.enumerated() {
                var row = try await self.fields(request, entity: child, record: item, prefix: "", lookups: lookups)
                row["no"] = String(index + 1)
                rows.append(row)
            }
            tables[table] = rows
        }
        return tables
    }
}

/// Strand's own Word templates, in the reader's language: a heading, the document's facts,
/// its lines (and a contract's payment plan, a customer's contacts and follow-ups), totals
/// in figures and capitals, and places to sign.
enum StandardTemplates {
    static func template(for entity: EntityDefinition, strings s: Strings) throws -> Data {
        let field = { (key: String) in (s.field(entity.key, key), "{{\(key)}}") }
        let lines = WordBuilder.Block.table(
            headers: ["#", s("line.product"), s("line.specification"), s("line.unit"), s("line.quantity"), s("line.unit_price"),
                      s("line.discount"), s("line.amount"), s("line.tax_rate"), s("line.tax"), s("line.total")],
            row: ["{{lines.no}}", "{{lines.name}}", "{{lines.specification}}", "{{lines.unit}}", "{{lines.quantity}}", "{{lines.unit_price}}",
                  "{{lines.discount}}", "{{lines.amount}}", "{{lines.tax_rate}}", "{{lines.tax}}", "{{lines.total}}"])
        var blocks: [WordBuilder.Block] = [.title(s("entity.\(entity.key)"))]
        switch entity.key {
        case "contact":
            blocks.append(.fields(entity.fields.filter { !$0.maintained && $0.type != .files }.map { field($0.key) }))
            blocks.append(.fields([(s.field(entity.key, "customer_id"), "{{customer.name}}"), (s.field("customer", "address"), "{{customer.address}}")]))
        case "customer":
            blocks.append(.fields(entity.fields.filter { !$0.maintained && $0.type != .files }.map { field($0.key) }))
            blocks.append(.paragraph(s("nav.contacts"), bold: true))
            blocks.append(.table(headers: ["name", "position", "mobile", "email"].map { s.field("contact", $0) },
                                 row: ["{{contacts.name}}", "{{contacts.position}}", "{{contacts.mobile}}", "{{contacts.email}}"]))
            blocks.append(.paragraph(s("nav.follow_ups"), bold: true))
            blocks.append(.table(headers: ["happened_at", "method", "content"].map { s.field("follow_up", $0) },
                                 row: ["{{follow_ups.happened_at}}", "{{follow_ups.method}}", "{{follow_ups.content}}"]))
        case "contract":
            blocks.append(.fields([field("number"), field("signed_on"), (s("word.party_a"), "{{customer.name}}"), (s("word.party_b"), "{{company.name}}"),
                                   field("start_date"), field("end_date")]))
            blocks.append(.paragraph(s.field(entity.key, "amount") + "：{{amount}}（" + s("line.in_words") + "：{{amount_in_words}}）", bold: true))
            blocks.append(lines)
            blocks.append(.paragraph(s("nav.instalments"), bold: true))
            blocks.append(.table(headers: ["label", "due_date", "amount"].map { s.field("instalment", $0) },
                                 row: ["{{plan.label}}", "{{plan.due_date}}", "{{plan.amount}}"]))
            blocks.append(.paragraph(s.field(entity.key, "payment_terms") + "：{{payment_terms}}"))
            blocks.append(.paragraph(s.field(entity.key, "notes") + "：{{notes}}"))
            blocks.append(.signatures([s("word.party_a") + "（" + s("word.seal") + "）：{{customer.name}}    {{customer_signatory}}",
                                       s("word.party_b") + "（" + s("word.seal") + "）：{{company.name}}    {{our_signatory}}"]))
        default:
            let dated = entity.field("quote_date") != nil ? "quote_date" : "order_date"
            blocks.append(.fields([field("number"), field(dated), (s.field(entity.key, "customer_id"), "{{customer.name}}"),
                                   (s.field(entity.key, "contact_id"), "{{contact.name}} {{contact.mobile}}"), (s("system.owner_id"), "{{owner.name}}"),
                                   entity.field("valid_until") != nil ? field("valid_until") : field("delivery_date")]))
            blocks.append(lines)
            blocks.append(.paragraph(s("line.amount_total") + "：{{amount}}    " + s("line.tax_total") + "：{{tax}}    " + s("line.grand_total") + "：{{total}}", bold: true))
            blocks.append(.paragraph(s("line.in_words") + "：{{total_in_words}}", bold: true))
            blocks.append(.paragraph(s.field(entity.key, "payment_terms") + "：{{payment_terms}}"))
            blocks.append(.paragraph(s.field(entity.key, "notes") + "：{{notes}}"))
            blocks.append(.signatures([s("print.seller_signature") + "{{company.name}}", s("print.buyer_signature") + "{{customer.name}}"]))
        }
        return try WordBuilder(blocks).document()
    }
}
