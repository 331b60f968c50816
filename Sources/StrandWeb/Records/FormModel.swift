import StrandCore
import StrandStore
import Vapor

/// Builds a form's model: the choices for owner and link fields, and names for what it shows.
enum FormModel {
    static func make(_ request: Request, entity: EntityDefinition, record: Record?, texts: [String: String]) async throws -> FormPage.Model {
        let identity = try request.requireIdentity()
        let strand = request.strand
        var model = FormPage.Model(entity: entity, record: record, texts: texts)
        model.lookups = try await Lookups.load(for: record.map { [$0] } ?? [], entity: entity, request: request)
        let filter = identity.actor.filter(.assign, on: entity.key)
        // Only someone who may give the record away chooses its owner (not a collaborator).
        if entity.ownership == .owned, identity.actor.can(.assign, on: entity.key),
           record.map({ filter.allows(owner: $0.ownerId, department: $0.departmentId) }) ?? true {
            let users = try await strand.database.read { try await Directory.users(db: $0) }
            model.ownerOptions = users.filter { $0.active && filter.allows(owner: $0.id, department: $0.departmentId) }
                .map { FieldDefinition.Option(value: String($0.id), label: $0.name) }
            // A new record may be left to the territories, which then choose its owner; else
            // it is the writer's own.
            var automatic = false
            if record == nil, AssignmentSetup.assignable.contains(entity.key) {
                automatic = try await strand.database.read { try await AssignmentStore.load(db: $0) }.automatic.contains(entity.key)
            }
            if automatic {
                model.ownerOptions.insert(FieldDefinition.Option(value: "", label: request.strings("territory.by_territory")), at: 0)
            }
            if model.texts["owner_id"] == nil {
                model.texts["owner_id"] = record?.ownerId.map(String.init) ?? (automatic ? "" : String(identity.user.id))
            }
        }
        for field in entity.fields where field.type == .link {
            model.linkOptions[field.key] = try await self.options(for: field, of: entity, texts: model.texts, request: request)
        }
        if entity.fields.contains(where: { $0.type == .people }) {
            let people = try await strand.database.read { try await Directory.users(db: $0) }.filter(\.active)
                .map { FieldDefinition.Option(value: String($0.id), label: $0.name) }
            for field in entity.fields where field.type == .people { model.linkOptions[field.key] = people }
        }
        for field in entity.fields where field.type == .lines {
            model.linkOptions[field.key] = try await LineProducts.options(request)
        }
        return model
    }

    /// How a link's records are narrowed by another link of the same form.
    enum Narrowing {
        /// Records under the same parent (a follow-up's contact: the customer's contacts).
        case sibling(parentLink: String)
        /// Records under the parent's own parent (a deal's contact, through the deal's customer).
        case relative(link: String, parent: EntityDefinition, targetLink: String)

        /// The form's field whose choice narrows this one.
        var by: String {
            switch self {
            case .sibling(let link), .relative(let link, _, _): link
            }
        }
    }

    static func narrowing(of field: FieldDefinition, in entity: EntityDefinition, catalog: EntityCatalog) -> Narrowing? {
        guard let key = field.linkTo, let target = catalog.entity(key), field.key != entity.ownerLinkField else { return nil }
        if let parentLink = target.ownerLinkField, parentLink == entity.ownerLinkField { return .sibling(parentLink: parentLink) }
        if let targetLink = target.ownerLinkField, let link = entity.ownerLinkField, let parentKey = entity.field(link)?.linkTo,
           let parent = catalog.entity(parentKey), parent.field(targetLink) != nil {
            return .relative(link: link, parent: parent, targetLink: targetLink)
        }
        return nil
    }

    /// A link to the parent offers the chosen parent only; a narrowed link the records its
    /// narrowing allows; any other link the most recently updated.
    /// `search` narrows them to the records matching what the person typed into the picker.
    static func options(for field: FieldDefinition, of entity: EntityDefinition, texts: [String: String],
                        search: String? = nil, request: Request) async throws -> [FieldDefinition.Option] {
        let identity = try request.requireIdentity()
        guard let key = field.linkTo, let target = request.strand.catalog.entity(key) else { return [] }
        let scope = identity.actor.filter(.view, on: target.key)
        if field.key == entity.ownerLinkField, search == nil, let parentId = texts[field.key].flatMap({ Int64($0) }) {
            let parent = try await request.strand.database.find(target, id: parentId, scope: scope)
            return parent.map { [FieldDefinition.Option(value: String($0.id), label: $0.title(target))] } ?? []
        }
        var query = ListQuery()
        query.limit = search == nil ? 50 : 20
        if let search, !target.searchedFields.isEmpty { query.search = search }
        switch self.narrowing(of: field, in: entity, catalog: request.strand.catalog) {
        case .sibling(let parentLink):
            guard let parentId = texts[parentLink].flatMap({ Int64($0) }) else { return [] }
            query.filters = [ListQuery.Filter(column: parentLink, operation: .equals([.integer(parentId)]))]
        case .relative(let link, let parent, let targetLink):
            guard let parentId = texts[link].flatMap({ Int64($0) }),
                  let found = try await request.strand.database.find(parent, id: parentId, scope: identity.actor.filter(.view, on: parent.key)),
                  let shared = found[targetLink].integerValue else { return [] }
            query.filters = [ListQuery.Filter(column: targetLink, operation: .equals([.integer(shared)]))]
        case nil: break
        }
        var records = try await request.strand.database.list(target, query: query, scope: scope).records
        if search == nil, let chosen = texts[field.key].flatMap({ Int64($0) }), !records.contains(where: { $0.id == chosen }),
           let record = try await request.strand.database.find(target, id: chosen, scope: scope) {
            records.insert(record, at: 0)
        }
        return records.map { FieldDefinition.Option(value: String($0.id), label: $0.title(target)) }
    }

    static func texts(_ record: Record, entity: EntityDefinition, timeZone: TimeZone) -> [String: String] {
        var texts = Dictionary(uniqueKeysWithValues: entity.fields.map { ($0.key, $0.formText(record[$0.key], timeZone: timeZone)) })
        texts["owner_id"] = record.ownerId.map(String.init)
        return texts
    }
}
