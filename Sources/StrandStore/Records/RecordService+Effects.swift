import Foundation
import SQLKit
import StrandCore

extension RecordService {
    /// What a write sets going for people, in its transaction: an event's invitations follow
    /// its participants, the record's reminders are worked out again, and its followers hear of
    /// a change someone else made.
    func announce(_ action: AuditAction, _ entity: EntityDefinition, _ record: Record, before: Record? = nil, changes: [String: AuditChange],
                  context: WriteContext, db: any SQLDatabase) async throws {
        if action != .delete { try await Invitations.sync(entity, before: before, after: record, actor: context.actor.userId, db: db) }
        try await ReminderQueue.schedule(entity, action == .delete ? nil : record, id: record.id, now: Clock.millis(), db: db)
        guard action != .create else { return }
        try await Follows.notify(entity, record, action: action == .assign ? .update : action, changed: Array(changes.keys),
                                 actor: context.actor.userId, db: db)
    }
}
