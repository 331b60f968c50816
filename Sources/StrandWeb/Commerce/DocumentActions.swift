import StrandCore
import StrandStore
import Vapor

/// What a commercial document adds to the pages: "new quotation" on a deal, and its own panel.
enum DocumentActions {
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
