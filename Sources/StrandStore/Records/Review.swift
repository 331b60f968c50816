import SQLKit
import StrandCore

/// Review of new records (审核): in a department that asks for it, a record made by someone
/// who may not assign records there (a salesperson) waits as pending until someone who may
/// (a manager) approves or rejects it with a comment. A rejected record edited by its maker
/// waits again.
extension RecordService {
    /// The review state a new record starts in, or nil when it needs none.
    func reviewOnCreate(_ entity: EntityDefinition, at position: RecordPosition, context: WriteContext,
                        memo: inout StepMemo, db: any SQLDatabase) async throws -> ReviewState? {
        guard entity.reviewed, let department = position.department,
              !context.actor.filter(.assign, on: entity.key).allows(owner: position.owner, department: department) else { return nil }
        if memo.reviews[department] == nil {
            let row = try await db.raw("SELECT reviews_customers FROM departments WHERE id = \(bind: department)").first()
            memo.reviews[department] = try row?.integer("reviews_customers") == 1
        }
        return memo.reviews[department] == true ? .pending : nil
    }

    /// A rejected record changed by someone who may not review it goes back for review.
    static func reviewOnUpdate(_ entity: EntityDefinition, current: Record, context: WriteContext) -> ReviewState? {
        guard entity.reviewed, current["review"] == .text(ReviewState.rejected.rawValue),
              !context.actor.filter(.assign, on: entity.key).allows(owner: current.ownerId, department: current.departmentId) else { return nil }
        return .pending
    }

    /// Approves or rejects a pending record; a rejection says why.
    public func review(_ entity: EntityDefinition, id: Int64, approve: Bool, comment: String, context: WriteContext) async throws -> Record {
        let comment = comment.trimmed
        guard entity.reviewed else { throw RecordError.notFound }
        if !approve && comment.isEmpty { throw RecordError.invalid(ValidationFailure(["review_comment": .required])) }
        if comment.count > 500 { throw RecordError.invalid(ValidationFailure(["review_comment": FieldError("too_long", ["max": "500"])])) }
        return try await self.database.write { db in
            let current = try await self.editable(entity, id: id, action: .assign, context: context, db: db)
            guard current["review"] == .text(ReviewState.pending.rawValue) else {
                throw RecordError.invalid(ValidationFailure(["review": FieldError("not_pending")]))
            }
            var values = current.values
            values["review"] = .text((approve ? ReviewState.approved : .rejected).rawValue)
            values["review_comment"] = .text(comment)
            let record = try await RecordWriter.update(entity, current: current, values: values,
                                                       position: RecordPosition(owner: current.ownerId, department: current.departmentId),
                                                       actor: context.actor.userId, db: db)
            try await self.audit(.review, entity, record, changes: RecordDiff.changes(entity, from: current.values, to: values),
                                 context: context, db: db)
            return record
        }
    }
}
