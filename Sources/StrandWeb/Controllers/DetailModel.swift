import StrandCore
import StrandStore
import Vapor

/// Gathers a detail page: the record, its children (each list one query), names for every id
/// shown, and the history.
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
        let lookups = try await Lookups.load(for: [record] + Self.valuesIn(history, entity: entity), entity: entity, request: request)
        let periods = entity.trackedFields.isEmpty ? [] : try await strand.database.periods(entity, recordId: id, actor: actor)
        var model = DetailPage.Model(
            entity: entity, record: record, lookups: lookups, related: related, history: history, periods: periods,
            canEdit: try await strand.database.mayEdit(entity, record, actor: actor),
            canDelete: actor.filter(.delete, on: entity.key).allows(owner: record.ownerId, department: record.departmentId)
        )
        (model.following, model.notes) = try await strand.database.read { db in
            (try await Follows.isFollowing(entity, recordId: id, userId: identity.user.id, db: db), try await Notes.on(entity, recordId: id, db: db))
        }
        if entity.hub != nil {
            async let figures = HubFigures.make(request, entity: entity, record: record)
            model.timeline = try await Timeline.make(request, entity: entity, record: record, related: related, notes: model.notes, history: history)
            model.hubFigures = try await figures
        }
        if entity.fields.contains(where: { $0.type == .people }) {
            model.responses = try await strand.database.read { try await Invitations.responses(eventId: id, db: $0) }
        }
        // Converting makes records in the lead owner's name, so a collaborator may not.
        if entity.key == "lead", actor.filter(.edit, on: entity.key).allows(owner: record.ownerId, department: record.departmentId),
           record["status"] != .text("converted") {
            model.actions.append(("lead.convert", "/leads/\(id)/convert"))
        }
        if entity.pooled { try await self.addPool(to: &model, request: request) }
        model.actions += self.newDocuments(from: entity, record, catalog: strand.catalog, actor: actor)
        if WordExport.entities.contains(entity.key) && entity.documentFlow == nil {
            model.actions.append(("document.word", "/\(entity.resource)/\(id)/document.docx"))
        }
        if entity.ownership == .owned, actor.can(.view, on: entity.key) {
            model.shares = try await strand.database.shares(entity, recordId: id)
            model.canShare = actor.filter(.edit, on: entity.key).allows(owner: record.ownerId, department: record.departmentId)
            if !model.shares.isEmpty || model.canShare { model.people = try await request.directoryNames().users }
            if model.canShare {
                let taken = Set(model.shares.map(\.userId) + [record.ownerId].compactMap { $0 })
                model.shareCandidates = try await strand.database.read { try await Directory.users(db: $0) }
                    .filter { $0.active && !taken.contains($0.id) }.map { FieldDefinition.Option(value: String($0.id), label: $0.name) }
            }
        }
        model.canReview = entity.reviewed && record["review"] == .text(ReviewState.pending.rawValue)
            && actor.filter(.assign, on: entity.key).allows(owner: record.ownerId, department: record.departmentId)
        model.canEditPlan = model.canEdit && strand.catalog.children(of: entity.key).contains(where: \.managedByParent)
        if let flow = entity.documentFlow { try await self.addDocument(flow, to: &model, waiting: waiting, request: request) }
        if entity.key == "competitor" {
            model.headToHead = try await strand.database.headToHead(competitorId: id, catalog: strand.catalog,
                                                                    scope: actor.filter(.view, on: "opportunity"))
        }
        return model
    }

    /// A pooled record's return action, for its owner or whoever may assign it, and its pool history.
    static func addPool(to model: inout DetailPage.Model, request: Request) async throws {
        let actor = try request.requireIdentity().actor
        let record = model.record
        if let owner = record.ownerId,
           owner == actor.userId || actor.filter(.assign, on: model.entity.key).allows(owner: owner, department: record.departmentId) {
            model.actions.append(("pool.return", "/\(model.entity.resource)/\(record.id)/return"))
        }
        model.poolEvents = try await request.strand.database.read { try await Pools.events(customerId: record.id, db: $0) }
        if !model.poolEvents.isEmpty { model.people = try await request.directoryNames().users }
    }
}

extension DetailModel {
    /// "New quotation" on a deal's page: documents that may point at this record through an
    /// optional link, with the links they share with it (the deal's customer) filled in. A
    /// required link is already offered by the related list.
    static func newDocuments(from entity: EntityDefinition, _ record: Record, catalog: EntityCatalog, actor: Actor) -> [(String, String)] {
        catalog.entities.compactMap { document in
            guard document.documentFlow != nil, actor.can(.create, on: document.key),
                  let link = document.fields.first(where: { $0.type == .link && $0.linkTo == entity.key && !$0.required }) else { return nil }
            var query = ["\(link.key)=\(record.id)"]
            for other in document.fields where other.type == .link && other.key != link.key && entity.field(other.key)?.linkTo == other.linkTo {
                if let value = record[other.key].integerValue { query.append("\(other.key)=\(value)") }
            }
            return ("document.new.\(document.key)", "/\(document.resource)/new?" + query.joined(separator: "&"))
        }
    }

    /// A document's panel: it is edited only in an editable status; its requests, the one the
    /// reader decides, and its earlier revisions.
    static func addDocument(_ flow: DocumentFlow, to model: inout DetailPage.Model, waiting: Approval?, request: Request) async throws {
        let actor = try request.requireIdentity().actor
        let entity = model.entity, record = model.record, database = request.strand.database
        let status = record["status"].textValue ?? ""
        var document = DocumentSection.Model(flow: flow)
        document.canMove = model.canEdit
        model.canEdit = model.canEdit && flow.editable.contains(status)
        document.approvals = try await ApprovalQueue.history(entity, recordId: record.id, database: database)
        document.canWithdraw = document.canMove && status == DocumentFlow.pending
            && document.approvals.contains { $0.state == .pending && ($0.requesterId == actor.userId || actor.isAdmin) }
        var decided = waiting
        if decided == nil { decided = try await ApprovalQueue.waits(on: actor, entity: entity.key, recordId: record.id, database: database) }
        document.decides = decided?.id
        document.revisions = try await database.read { try await Revisions.list(entity, recordId: record.id, db: $0) }
        document.derivable = flow.derivable.filter { $0.value.contains(status) && actor.can(.create, on: $0.key) }.keys.sorted()
            .compactMap { request.strand.catalog.entity($0) }
        if !document.approvals.isEmpty { model.people = try await request.directoryNames().users }
        model.document = document
    }
}
