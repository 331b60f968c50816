import Foundation
import SQLKit
import StrandCore

/// The people an event invites (its `participants`), each with their answer. An invitation
/// lets its participant read the event (a read share) and puts it on their calendar; they are
/// told when invited and when it moves, and its owner hears their answer.
public enum Invitations {
    public enum Response: String, Sendable, CaseIterable {
        case pending, accepted, declined
    }

    static let field = "participants"

    /// The people invited, the owner aside.
    static func people(_ record: Record) -> [Int64] {
        guard case .list(let ids) = record[self.field] else { return [] }
        return ids.compactMap { Int64($0) }.filter { $0 != record.ownerId }
    }

    /// When the event's last time ends; nil while it repeats without end.
    static func endsBy(_ record: Record) -> Int64? {
        guard let timing = EventTiming(values: record.values) else { return nil }
        guard timing.repetition != nil else { return timing.end }
        return timing.until.map { $0.adding(days: 1).start(in: timing.timeZone) + (timing.end - timing.start) }
    }

    /// Brings the answers, shares and notices in line with the participants the event now has.
    static func sync(_ entity: EntityDefinition, before: Record?, after: Record, actor: Int64?, db: any SQLDatabase) async throws {
        guard entity.field(self.field)?.type == .people else { return }
        let old = Set(before.map(self.people) ?? []), new = Set(self.people(after))
        let (added, removed) = (new.subtracting(old).sorted(), old.subtracting(new).sorted())
        let now = Clock.millis(), endsBy = self.endsBy(after)
        let startsAt = after["starts_at"].integerValue ?? 0, repeating: Int64 = (after["repetition"].textValue ?? "").isEmpty ? 0 : 1
        if !removed.isEmpty {
            try await db.raw("DELETE FROM event_responses WHERE event_id = \(bind: after.id) AND user_id IN \(SQLGroupExpression.binds(removed))").run()
            try await db.raw("""
                DELETE FROM record_shares WHERE entity = \(bind: entity.key) AND record_id = \(bind: after.id) AND access = 'read'
                  AND user_id IN \(SQLGroupExpression.binds(removed))
                """).run()
        }
        for user in added {
            try await db.raw("""
                INSERT INTO event_responses (event_id, user_id, response, starts_at, repeating, ends_by)
                VALUES (\(bind: after.id), \(bind: user), 'pending', \(bind: startsAt), \(bind: repeating), \(bind: endsBy))
                ON CONFLICT (event_id, user_id) DO UPDATE SET response = 'pending', responded_at = NULL, starts_at = EXCLUDED.starts_at,
                  repeating = EXCLUDED.repeating, ends_by = EXCLUDED.ends_by
                """).run()
            try await db.raw("""
                INSERT INTO record_shares (entity, record_id, user_id, access, created_by, created_at)
                VALUES (\(bind: entity.key), \(bind: after.id), \(bind: user), 'read', \(bind: actor), \(bind: now))
                ON CONFLICT (entity, record_id, user_id) DO NOTHING
                """).run()
        }
        let moved = before.map { old in EventConflicts.timeFields.contains { old[$0] != after[$0] } } ?? false
        if moved {
            try await db.raw("""
                UPDATE event_responses SET starts_at = \(bind: startsAt), repeating = \(bind: repeating), ends_by = \(bind: endsBy)
                WHERE event_id = \(bind: after.id)
                """).run()
        }
        let params = ["name": after.title(entity), "at": String(after["starts_at"].integerValue ?? 0)]
        let told = added.map { ($0, "invitation") } + (moved ? new.intersection(old).sorted().map { ($0, "invitation_moved") } : [])
        try await Notices.add(told.filter { $0.0 != actor }.map {
            Notice(userId: $0.0, kind: $0.1, entity: entity.key, recordId: after.id, params: params, createdAt: now)
        }, db: db)
    }

    /// Each participant's answer, by person.
    public static func responses(eventId: Int64, db: any SQLDatabase) async throws -> [Int64: Response] {
        var answers: [Int64: Response] = [:]
        for row in try await db.raw("SELECT user_id, response FROM event_responses WHERE event_id = \(bind: eventId)").all() {
            answers[try row.decode(column: "user_id", as: Int64.self)] = Response(rawValue: try row.text("response") ?? "")
        }
        return answers
    }

    /// Who declined each of some events.
    static func declined(eventIds: [Int64], db: any SQLDatabase) async throws -> [Int64: Set<Int64>] {
        guard !eventIds.isEmpty else { return [:] }
        var declined: [Int64: Set<Int64>] = [:]
        for row in try await db.raw("""
            SELECT event_id, user_id FROM event_responses WHERE response = 'declined' AND event_id IN \(SQLGroupExpression.binds(eventIds))
            """).all() {
            declined[try row.decode(column: "event_id", as: Int64.self), default: []].insert(try row.decode(column: "user_id", as: Int64.self))
        }
        return declined
    }
}

extension RecordService {
    /// A participant accepts or declines; the owner hears of it, and a decline takes the
    /// event's reminders away from them.
    public func respond(to eventId: Int64, accept: Bool, context: WriteContext) async throws {
        guard let entity = self.catalog.entity(EntityKey.event) else { throw RecordError.notFound }
        let user = context.actor.userId, answer: Invitations.Response = accept ? .accepted : .declined
        try await self.database.write { db in
            guard let event = try await RecordStore.find(entity, id: eventId, scope: ScopeFilter(.everything), db: db),
                  try await db.raw("""
                      UPDATE event_responses SET response = \(bind: answer.rawValue), responded_at = \(bind: Clock.millis())
                      WHERE event_id = \(bind: eventId) AND user_id = \(bind: user) RETURNING user_id
                      """).first() != nil else { throw RecordError.notFound }
            if let owner = event.ownerId, owner != user {
                let name = try await Directory.user(id: user, db: db)?.name ?? ""
                try await Notices.add([Notice(userId: owner, kind: "invitation_\(answer.rawValue)", entity: entity.key, recordId: eventId,
                                              params: ["name": event.title(entity), "by": name], createdAt: Clock.millis())], db: db)
            }
            try await ReminderQueue.schedule(entity, event, id: eventId, now: Clock.millis(), db: db)
            try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: user, ip: context.ip, action: .respond, entity: entity.key,
                                                 recordId: eventId, recordVersion: event.version,
                                                 changes: ["response": AuditChange(from: nil, to: answer.rawValue)]), db: db)
        }
    }
}
