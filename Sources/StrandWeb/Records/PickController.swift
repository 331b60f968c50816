import StrandCore
import StrandStore
import Vapor

/// What a link field's picker offers as the person types: the records of the linked entity that
/// match, within the reader's scope, narrowed as the form narrows them (a follow-up's contact
/// to the chosen customer's). Never a list of every record: twenty at most.
enum PickController {
    static func register(_ pages: any RoutesBuilder) {
        pages.get("pick", ":entity", ":field", use: self.pick)
    }

    /// Where a form's picker for `field` of `entity` asks.
    static func path(_ entity: String, _ field: String) -> String { "/pick/\(entity)/\(field)" }

    static func pick(_ request: Request) async throws -> Response {
        _ = try request.requireIdentity()
        guard let key = request.parameters.get("entity"), let known = request.strand.catalog.entity(key) else { throw Abort(.notFound) }
        let entity = try await ApiRecordsController.entity(request, known.resource)
        guard let key = request.parameters.get("field"), let field = entity.field(key), field.type == .link else { throw Abort(.notFound) }
        // The form's other links, which may narrow this one; nothing else of the query counts.
        var texts: [String: String] = [:]
        for link in entity.fields where link.type == .link && link.key != field.key {
            if let value = request.query[String.self, at: link.key], Int64(value) != nil { texts[link.key] = value }
        }
        let typed = String((request.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let options = try await FormModel.options(for: field, of: entity, texts: texts, search: typed.isEmpty ? nil : typed, request: request)
        return .json(.object(["options": .array(options.prefix(20).map {
            .object(["value": .string($0.value), "label": .string($0.label)])
        })]))
    }
}

/// How a form's link asks the server for its records. Without scripts it is a list of the
/// latest records, or of those its narrowing allows.
struct LinkPicker: Sendable {
    let path: String
    /// The form's link whose choice narrows this one: then this stays a list, filled again
    /// when that one changes; otherwise a box that searches as one types.
    let narrowedBy: String?

    init(entity: EntityDefinition, field: FieldDefinition, catalog: EntityCatalog) {
        self.path = PickController.path(entity.key, field.key)
        self.narrowedBy = FormModel.narrowing(of: field, in: entity, catalog: catalog)?.by
    }

    func attributes(_ strings: Strings) -> [Attribute] {
        if let narrowedBy { return [.data("data-pick", self.path), .data("data-pick-by", narrowedBy)] }
        return [.data("data-pick", self.path), .data("data-pick-search", "true"), .data("data-pick-hint", strings("picker.hint")),
                .data("data-pick-none", strings("picker.none"))]
    }
}
