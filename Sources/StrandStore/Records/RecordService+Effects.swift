import Foundation
import SQLKit
import StrandCore

extension RecordService {
    /// What a write sets going for people, in its transaction: an event's invitations follow
    /// its participants, the record's reminders are worked out again, a task given to someone
    /// tells them, and its followers hear of a change someone else made.
    func announce(_ action: AuditAction, _ entity: EntityDefinition, _ record: Record, before: Record? = nil, changes: [String: AuditChange],
                  context: WriteContext, db: any SQLDatabase) async throws {
        if action != .delete { try await Invitations.sync(entity, before: before, after: record, actor: context.actor.userId, db: db) }
        try await ReminderQueue.schedule(entity, action == .delete ? nil : record, id: record.id, now: Clock.millis(), db: db)
        if action != .delete { try await self.tellNewOwner(entity, record, before: before, actor: context.actor.userId, db: db) }
        guard action != .create else { return }
        try await Follows.notify(entity, record, action: action == .assign ? .update : action, changed: Array(changes.keys),
                                 actor: context.actor.userId, db: db)
    }

    /// The new owner of a record someone else gave them, where its entity says so.
    func tellNewOwner(_ entity: EntityDefinition, _ record: Record, before: Record?, actor: Int64,
                      db: any SQLDatabase) async throws {
        guard entity.tellsNewOwner, let owner = record.ownerId, owner != actor, owner != before?.ownerId else { return }
        let by = try await Directory.user(id: actor, db: db)?.name ?? ""
        try await Notices.add([Notice(userId: owner, kind: "assigned", entity: entity.key, recordId: record.id,
                                      params: ["name": record.title(entity), "by": by], createdAt: Clock.millis())], db: db)
    }
}
