import StrandCore
import StrandStore
import Vapor

/// Gathers a detail page: the record, its children (each list one query), names for every id
/// shown and the history, read side by side where one does not need another; then each
/// feature adds its part (`Feature.detail`).
enum DetailModel {
    /// The values a record's history names, as records, so that its links read as the titles
    /// they had (scoped like any other lookup) rather than as ids.
    static func valuesIn(_ history: [AuditEntry], entity: EntityDefinition) -> [Record] {
        self.valuesIn(history.map(\.changes), entity: entity)
    }

    static func valuesIn(_ changeSets: [[String: AuditChange]], entity: EntityDefinition) -> [Record] {
        let links = entity.fields.filter { $0.type == .link }
        return changeSets.flatMap { changes in
            [\AuditChange.from, \AuditChange.to].compactMap { side -> Record? in
                var values: [String: FieldValue] = [:]
                for field in links {
                    if let text = changes[field.key]?[keyPath: side] { values[field.key] = field.storedValue(text) }
                }
                return values.isEmpty ? nil : Record(id: 0, version: 0, createdAt: 0, updatedAt: 0, values: values)
            }
        }
    }

    static let relatedLimit = 100

    static func make(_ request: Request, entity: EntityDefinition, id: Int64, inline: FormPage.Model? = nil) async throws -> DetailPage.Model {
        let identity = try request.requireIdentity()
        let strand = request.strand
        let actor = identity.actor
        // Whoever an approval waits on reads the record, in their scope or not.
        var waiting: Approval?
        var found = try await strand.database.find(entity, id: id, scope: actor.filter(.view, on: entity.key))
        if found == nil, entity.documentFlow != nil {
            waiting = try await ApprovalQueue.waits(on: actor, entity: entity.key, recordId: id, database: strand.database)
            if waiting != nil { found = try await strand.database.find(entity, id: id, scope: ScopeFilter(.everything)) }
        }
        guard let record = found else { throw RecordError.notFound }
        var related: [DetailPage.Related] = []
        for (child, linkField) in strand.catalog.related(to: entity.key) where actor.can(.view, on: child.key) {
            var query = ListQuery()
            query.filters = [ListQuery.Filter(column: linkField, operation: .equals([.integer(id)]))]
            query.limit = self.relatedLimit
            if let when = child.fields.first(where: { $0.type == .dateTime && $0.sortable }) {
                query.sort = ListQuery.Sort(column: when.key, descending: true)
            } else if child.field(child.titleField)?.sortable == true {
                query.sort = ListQuery.Sort(column: child.titleField, descending: false)
            }
            let page = try await strand.database.list(child, query: query, scope: actor.filter(.view, on: child.key))
            let lookups = try await Lookups.load(for: page.records, entity: child, request: request)
            var form: FormPage.Model?
            // Children that take their owner from this record are added inline; records with an
            // owner of their own (an opportunity) on their full form, with the link filled in.
            let addedInline = child.ownerLinkField == linkField
            let newPath = !addedInline && actor.can(.create, on: child.key) ? "/\(child.resource)/new?\(linkField)=\(id)" : nil
            if addedInline && actor.can(.create, on: child.key) && !child.managedByParent {
                if let inline, inline.entity.key == child.key {
                    form = inline
                } else {
                    var texts = [linkField: String(id)]
                    if let when = child.fields.first(where: { $0.type == .dateTime && $0.required }) {
                        texts[when.key] = when.formText(.integer(Clock.millis()), timeZone: identity.timeZone)
                    }
                    form = try await FormModel.make(request, entity: child, record: nil, texts: texts)
                }
                form?.returnTo = "/\(entity.resource)/\(id)"
            }
            related.append(DetailPage.Related(entity: child, linkField: linkField, records: page.records, lookups: lookups,
                                              inlineForm: form, newPath: newPath))
        }
        let history = try await strand.database.read { try await AuditLog.history(entity: entity.key, recordId: id, limit: 50, db: $0) }
        async let lookups = Lookups.load(for: [record] + Self.valuesIn(history, entity: entity), entity: entity, request: request)
        async let periods: [ValuePeriod] = entity.trackedFields.isEmpty ? [] : strand.database.periods(entity, recordId: id, actor: actor)
        async let canEdit = strand.database.mayEdit(entity, record, actor: actor)
        async let following = strand.database.read { db in
            (try await Follows.isFollowing(entity, recordId: id, userId: identity.user.id, db: db), try await Notes.on(entity, recordId: id, db: db))
        }
        var model = DetailPage.Model(
            entity: entity, record: record, lookups: try await lookups, related: related, history: history, periods: try await periods,
            canEdit: try await canEdit,
            canDelete: actor.filter(.delete, on: entity.key).allows(owner: record.ownerId, department: record.departmentId)
        )
        (model.following, model.notes) = try await following
        let context = DetailContext(request: request, actor: actor, waiting: waiting)
        for feature in Features.all { try await feature.detail(&model, context) }
        return model
    }
}
