import StrandCore
import StrandStore
import Vapor

/// The moves of a commercial document (submit, withdraw, a status by hand, a new revision) and
/// approval decisions, as page forms and as API calls; each is one call of the write pipeline.
enum DocumentsController {
    enum Move: String, CaseIterable {
        case submit, withdraw, revise, status
    }

    static func register(pages: any RoutesBuilder, api: any RoutesBuilder, catalog: EntityCatalog) {
        for entity in catalog.entities where entity.documentFlow != nil {
            for move in Move.allCases {
                pages.post(.constant(entity.resource), ":id", .constant(move.rawValue)) { request -> Response in
                    let form = try FormInput.values(request)
                    let record = try await self.move(move, request, entity.resource, status: form["status"])
                    return request.redirect(to: "/\(entity.resource)/\(record.id)")
                }
                api.post(.constant(entity.resource), ":id", .constant(move.rawValue)) { request -> Response in
                    // Only a move to a status has a body: `{"status": "sent"}`.
                    let status = move != .status ? nil
                        : try ApiRecordsController.body(request)["status"].flatMap { if case .string(let s) = $0 { s } else { nil } }
                    let record = try await self.move(move, request, entity.resource, status: status)
                    return .json(record.json(entity, actor: try request.requireIdentity().actor))
                }
            }
            pages.get(.constant(entity.resource), ":id", "print") { try await PrintPage.show($0, entity.resource) }
            pages.post(.constant(entity.resource), ":id", "derive", ":target") { request -> Response in
                try await OnceToken.guarding(request) {
                    let (target, record) = try await self.derive(request, entity.resource)
                    return request.redirect(to: "/\(target.resource)/\(record.id)")
                }
            }
            api.post(.constant(entity.resource), ":id", "derive", ":target") { request -> Response in
                let (target, record) = try await self.derive(request, entity.resource)
                return .json(record.json(target, actor: try request.requireIdentity().actor), status: .created)
            }
            api.get(.constant(entity.resource), ":id", "approvals") { request -> Response in
                let (entity, record) = try await self.visible(request, entity.resource)
                let approvals = try await ApprovalQueue.history(entity, recordId: record.id, database: request.strand.database)
                return .json(.object(["data": .array(approvals.map(\.json))]))
            }
            api.get(.constant(entity.resource), ":id", "revisions") { request -> Response in
                let (entity, record) = try await self.visible(request, entity.resource)
                let kept = try await request.strand.database.read { try await Revisions.list(entity, recordId: record.id, db: $0) }
                return .json(.object(["data": .array(kept.map { revision in
                    .object(["revision": .int(revision.revision), "created_at": .string(DateTimeText.iso(revision.createdAt)),
                             "created_by": .int(revision.createdBy), "values": .object(revision.values.mapValues(JSON.string))])
                })]))
            }
        }
        pages.post("approvals", ":approval", "decision") { request -> Response in
            let form = try FormInput.values(request)
            let approval = try await self.decide(request, decision: form["decision"], comment: form["comment"])
            let resource = request.strand.catalog.entity(approval.entity)?.resource ?? ""
            return request.redirect(to: FormInput.returnPath(form) ?? "/\(resource)/\(approval.recordId)")
        }
        api.post("approvals", ":approval", "decision") { request -> Response in
            let body = try ApiRecordsController.body(request)
            func text(_ key: String) -> String? { if case .string(let value)? = body[key] { value } else { nil } }
            return .json(try await self.decide(request, decision: text("decision"), comment: text("comment")).json)
        }
        api.get("approvals") { request -> Response in
            let actor = try request.requireIdentity().actor
            let items = try await request.strand.database.read { try await ApprovalQueue.items(for: actor, db: $0) }
            return .json(.object(["data": .array(items.map { item in
                .object(["approval_id": .int(item.approvalId), "entity": .string(item.entity), "record_id": .int(item.recordId),
                         "flow": .string(item.flowName), "requester_id": .int(item.requesterId),
                         "created_at": .string(DateTimeText.iso(item.createdAt))])
            })]))
        }
    }

    static func move(_ move: Move, _ request: Request, _ resource: String, status: String?) async throws -> Record {
        let entity = try await ApiRecordsController.entity(request, resource)
        let id = try ApiRecordsController.id(request), context = try request.writeContext(), records = request.strand.records
        switch move {
        case .submit: return try await records.submit(entity, id: id, context: context)
        case .withdraw: return try await records.withdraw(entity, id: id, context: context)
        case .revise: return try await records.revise(entity, id: id, context: context)
        case .status: return try await records.move(entity, id: id, to: status ?? "", context: context)
        }
    }

    /// An order or contract made from this document; `:target` is the new one's resource.
    static func derive(_ request: Request, _ resource: String) async throws -> (EntityDefinition, Record) {
        let source = try await ApiRecordsController.entity(request, resource)
        let target = try await ApiRecordsController.entity(request, request.parameters.get("target") ?? "")
        let record = try await request.strand.records.derive(source, id: try ApiRecordsController.id(request), into: target,
                                                             context: try request.writeContext())
        return (target, record)
    }

    static func decide(_ request: Request, decision: String?, comment: String?) async throws -> Approval {
        guard let decision, ["approve", "reject"].contains(decision) else {
            throw RecordError.invalid(ValidationFailure(["decision": FieldError("not_an_option")]))
        }
        guard let id = request.parameters.get("approval").flatMap({ Int64($0) }) else { throw RecordError.notFound }
        return try await request.strand.records.decide(approval: id, approve: decision == "approve", comment: comment ?? "",
                                                       context: try request.writeContext())
    }

    static func visible(_ request: Request, _ resource: String) async throws -> (EntityDefinition, Record) {
        let entity = try await ApiRecordsController.entity(request, resource)
        let actor = try request.requireIdentity().actor
        guard let record = try await request.strand.database.find(entity, id: try ApiRecordsController.id(request),
                                                                  scope: actor.filter(.view, on: entity.key)) else { throw RecordError.notFound }
        return (entity, record)
    }
}

extension Approval {
    var json: JSON {
        .object([
            "id": .int(self.id), "entity": .string(self.entity), "record_id": .int(self.recordId), "revision": .int(self.revision),
            "flow": .string(self.flowName), "requester_id": .int(self.requesterId), "state": .string(self.state.rawValue),
            "created_at": .string(DateTimeText.iso(self.createdAt)), "finished_at": self.finishedAt.map { .string(DateTimeText.iso($0)) } ?? .null,
            "steps": .array(self.steps.map { step in
                .object(["position": .int(step.position), "approver_id": .int(step.approverId), "state": .string(step.state.rawValue),
                         "comment": .string(step.comment), "acted_by": .int(step.actedBy),
                         "acted_at": step.actedAt.map { .string(DateTimeText.iso($0)) } ?? .null])
            }),
        ])
    }
}
