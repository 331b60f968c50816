import SQLKit
import StrandCore

/// Approving, rejecting and withdrawing requests. A decision moves the request to its next
/// step or ends it, and an ended request moves its record: approved, or back to draft.
extension RecordService {
    public func decide(approval id: Int64, approve: Bool, comment: String, context: WriteContext) async throws -> Approval {
        let comment = comment.trimmed
        if !approve && comment.isEmpty { throw RecordError.invalid(ValidationFailure(["comment": .required])) }
        if comment.count > 500 { throw RecordError.invalid(ValidationFailure(["comment": FieldError("too_long", ["max": "500"])])) }
        return try await self.database.write { db in
            guard var approval = try await Approvals.find(id: id, db: db), let entity = self.catalog.entity(approval.entity) else {
                throw RecordError.notFound
            }
            guard approval.state == .pending, let step = approval.currentStep else {
                throw RecordError.invalid(ValidationFailure(["approval": FieldError("not_pending")]))
            }
            guard try await Approvals.decides(step, actor: context.actor, db: db) else { throw RecordError.forbidden }
            guard let record = try await RecordStore.find(entity, id: approval.recordId, scope: ScopeFilter(.everything),
                                                          lockingOn: self.database.dialect, db: db) else { throw RecordError.notFound }
            let now = Clock.millis()
            try await Approvals.setStep(id, position: step.position, state: approve ? .approved : .rejected, comment: comment,
                                        actor: context.actor.userId, now: now, db: db)
            let next = approve ? approval.steps.first { $0.position > step.position && $0.state == .waiting } : nil
            if let next {
                try await Approvals.setStep(id, position: next.position, state: .current, actor: nil, now: nil, db: db)
                try await Approvals.notifyApprovers(of: next, approval: approval, title: record.title(entity), now: now, db: db)
            } else {
                approval.state = approve ? .approved : .rejected
                try await Approvals.finish(id, state: approval.state, now: now, db: db)
                let status = approve ? DocumentFlow.approvedStatus : DocumentFlow.draft
                _ = try await self.setStatus(entity, record, to: status, action: approve ? .approve : .reject, context: context, db: db)
                try await Notices.add([Notice(userId: approval.requesterId, kind: "approval_\(approval.state.rawValue)", entity: entity.key,
                                              recordId: record.id, params: ["name": record.title(entity)], createdAt: now)], db: db)
            }
            return try await Approvals.find(id: id, db: db)!
        }
    }

    /// The requester takes back a request still waiting: the document is a draft again.
    public func withdraw(_ entity: EntityDefinition, id: Int64, context: WriteContext) async throws -> Record {
        try await self.database.write { db in
            let current = try await self.editable(entity, id: id, action: .edit, context: context, db: db)
            try Self.expect(current, status: DocumentFlow.pending)
            guard let approval = try await Approvals.of(entity: entity.key, recordId: id, db: db).first(where: { $0.state == .pending }),
                  let step = approval.currentStep else {
                throw RecordError.invalid(ValidationFailure(["approval": FieldError("not_pending")]))
            }
            guard approval.requesterId == context.actor.userId || context.actor.isAdmin else { throw RecordError.forbidden }
            let now = Clock.millis()
            try await Approvals.setStep(approval.id, position: step.position, state: .withdrawn, actor: context.actor.userId, now: now, db: db)
            try await Approvals.finish(approval.id, state: .withdrawn, now: now, db: db)
            return try await self.setStatus(entity, current, to: DocumentFlow.draft, action: .withdraw, context: context, db: db)
        }
    }
}

/// What waits on a person: the current steps they decide, oldest first.
public enum ApprovalQueue {
    public struct Item: Sendable, Equatable {
        public let approvalId: Int64
        public let entity: String
        public let recordId: Int64
        public let flowName: String
        public let requesterId: Int64
        public let createdAt: Int64
    }

    public static func items(for actor: Actor, limit: Int = 50, db: any SQLDatabase) async throws -> [Item] {
        let others: SQLQueryString = actor.isAdmin
            ? "OR s.approver_id IS NULL OR s.approver_id IN (SELECT id FROM users WHERE active = 0)" : ""
        return try await db.raw("""
            SELECT a.id, a.entity, a.record_id, a.flow_name, a.requester_id, a.created_at FROM approval_steps s
            JOIN approvals a ON a.id = s.approval_id
            WHERE s.state = 'current' AND (s.approver_id = \(bind: actor.userId) \(others))
            ORDER BY a.id LIMIT \(bind: limit)
            """).all().map { row in
            Item(approvalId: try row.decode(column: "id", as: Int64.self), entity: try row.text("entity") ?? "",
                 recordId: try row.decode(column: "record_id", as: Int64.self), flowName: try row.text("flow_name") ?? "",
                 requesterId: try row.decode(column: "requester_id", as: Int64.self), createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }

    /// Whether a request on the record waits on `actor`: the approver may read what they decide
    /// even when it lies outside their scope.
    public static func waits(on actor: Actor, entity: String, recordId: Int64, database: StoreDatabase) async throws -> Approval? {
        try await database.read { db in
            for approval in try await Approvals.of(entity: entity, recordId: recordId, db: db) where approval.state == .pending {
                if let step = approval.currentStep, try await Approvals.decides(step, actor: actor, db: db) { return approval }
            }
            return nil
        }
    }

    /// A record's requests, newest first, for its page.
    public static func history(_ entity: EntityDefinition, recordId: Int64, database: StoreDatabase) async throws -> [Approval] {
        try await database.read { try await Approvals.of(entity: entity.key, recordId: recordId, db: $0) }
    }
}
