import Foundation
import SQLKit
import StrandCore

/// Reminders wait in the database for their time, so a restart loses none. Saving a record
/// that reminds (`EntityDefinition.reminder`) replaces its pending ones; `fire` sends those
/// due, each exactly once: it marks them fired in the transaction that leaves their
/// notifications, and on PostgreSQL skips the rows another process is sending.
public enum ReminderQueue {
    public struct Pending: Sendable, Equatable {
        public let userId: Int64
        public let entity: String
        public let recordId: Int64
        public let occursAt: Int64
        public let fireAt: Int64
        public let firedAt: Int64?
    }

    /// Replaces the record's pending reminders with the next one for each of its people (its
    /// owner, and an event's participants who have not declined); a deleted or finished record has none.
    static func schedule(_ entity: EntityDefinition, _ record: Record?, id: Int64, now: Int64, db: any SQLDatabase) async throws {
        guard let anchor = entity.reminder, let type = entity.field(anchor.field)?.type else { return }
        try await db.raw("DELETE FROM reminders WHERE entity = \(bind: entity.key) AND record_id = \(bind: id) AND fired_at IS NULL").run()
        guard let record, record.deletedAt == nil, let owner = record.ownerId else { return }
        var people = [owner]
        let invited = Invitations.people(record)
        if !invited.isEmpty {
            let declined = try await Invitations.declined(eventIds: [record.id], db: db)[record.id] ?? []
            people += invited.filter { !declined.contains($0) }
        }
        let leads = try await NoticePreferences.of(people, db: db)
        let next = people.compactMap { user in
            leads[user].flatMap { preferences, zone in
                ReminderTime.next(anchor, field: type, values: record.values, lead: preferences.lead(in: zone), after: .min, now: now)
            }.map { Row(entity: entity.key, recordId: record.id, user: user, time: $0) }
        }
        try await self.insert(next, db: db)
    }

    /// Works out a person's pending reminders again, after they changed their lead times.
    public static func reschedule(userId: Int64, catalog: EntityCatalog, now: Int64, db: any SQLDatabase) async throws {
        let pending = try await db.raw("""
            SELECT DISTINCT entity, record_id FROM reminders WHERE user_id = \(bind: userId) AND fired_at IS NULL
            """).all().map { (try $0.decode(column: "entity", as: String.self), try $0.decode(column: "record_id", as: Int64.self)) }
        for (key, group) in Dictionary(grouping: pending, by: \.0) {
            guard let entity = catalog.entity(key) else { continue }
            for record in try await RecordStore.find(entity, ids: group.map(\.1), scope: ScopeFilter(.everything), db: db) {
                try await self.schedule(entity, record, id: record.id, now: now, db: db)
            }
        }
    }

    struct Row {
        let entity: String, recordId: Int64, user: Int64, time: ReminderTime
    }

    static func insert(_ rows: [Row], db: any SQLDatabase) async throws {
        for batch in rows.chunked(by: 1000) {
            let values = batch.map { row in
                SQLQueryString("(\(bind: row.user), \(bind: row.entity), \(bind: row.recordId), \(bind: row.time.occurs), \(bind: row.time.fire))") as any SQLExpression
            }
            try await db.raw("""
                INSERT INTO reminders (user_id, entity, record_id, occurs_at, fire_at) VALUES \(SQLList(values))
                ON CONFLICT (entity, record_id, user_id, occurs_at) DO NOTHING
                """).run()
        }
    }

    /// Sends every reminder due by `now`, `batch` to a transaction; returns how many.
    public static func fire(now: Int64, batch: Int = 2000, database: StoreDatabase, catalog: EntityCatalog) async throws -> Int {
        // A look first, so that an idle minute takes no write lock.
        let due = try await database.read { db in
            try await db.raw("SELECT id FROM reminders WHERE fired_at IS NULL AND fire_at <= \(bind: now) LIMIT 1").first()
        }
        guard due != nil else { return 0 }
        var total = 0
        while true {
            let sent = try await database.write { db in try await self.fireBatch(now: now, batch: batch, dialect: database.dialect, catalog: catalog, db: db) }
            total += sent
            if sent < batch { return total }
        }
    }

    static func fireBatch(now: Int64, batch: Int, dialect: Dialect, catalog: EntityCatalog, db: any SQLDatabase) async throws -> Int {
        let skipLocked = dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let due = try await db.raw("""
            SELECT id, user_id, entity, record_id, occurs_at FROM reminders WHERE fired_at IS NULL AND fire_at <= \(bind: now)
            ORDER BY fire_at LIMIT \(bind: batch)\(unsafeRaw: skipLocked)
            """).all().map { row in
            (id: try row.decode(column: "id", as: Int64.self), user: try row.decode(column: "user_id", as: Int64.self),
             entity: try row.decode(column: "entity", as: String.self), record: try row.decode(column: "record_id", as: Int64.self),
             occurs: try row.decode(column: "occurs_at", as: Int64.self))
        }
        guard !due.isEmpty else { return 0 }
        var records: [String: [Int64: Record]] = [:]
        for (key, group) in Dictionary(grouping: due, by: \.entity) {
            guard let entity = catalog.entity(key) else { continue }
            let found = try await RecordStore.find(entity, ids: Array(Set(group.map(\.record))), scope: ScopeFilter(.everything), db: db)
            records[key] = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
        }
        let leads = try await NoticePreferences.of(Array(Set(due.map(\.user))), db: db)
        var notices: [Notice] = []
        var next: [Row] = []
        for reminder in due {
            guard let entity = catalog.entity(reminder.entity), let record = records[reminder.entity]?[reminder.record] else { continue }
            notices.append(Notice(userId: reminder.user, kind: "reminder_\(entity.key)", entity: entity.key, recordId: record.id,
                                  params: ["name": record.title(entity), "at": String(reminder.occurs)], createdAt: now))
            if let anchor = entity.reminder, let type = entity.field(anchor.field)?.type, let (preferences, zone) = leads[reminder.user],
               let time = ReminderTime.next(anchor, field: type, values: record.values, lead: preferences.lead(in: zone), after: reminder.occurs, now: now) {
                next.append(Row(entity: entity.key, recordId: record.id, user: reminder.user, time: time))
            }
        }
        for ids in due.map(\.id).chunked(by: 1000) {
            try await db.raw("UPDATE reminders SET fired_at = \(bind: now) WHERE id IN \(SQLGroupExpression.binds(ids))").run()
        }
        try await Notices.add(notices, db: db)
        try await self.insert(next, db: db)
        return due.count
    }

    /// A record's reminders, fired and pending, for its people and for tests.
    public static func of(entity: String, recordId: Int64, db: any SQLDatabase) async throws -> [Pending] {
        try await db.raw("""
            SELECT * FROM reminders WHERE entity = \(bind: entity) AND record_id = \(bind: recordId) ORDER BY occurs_at, user_id
            """).all().map { row in
            Pending(userId: try row.decode(column: "user_id", as: Int64.self), entity: entity, recordId: recordId,
                    occursAt: try row.decode(column: "occurs_at", as: Int64.self), fireAt: try row.decode(column: "fire_at", as: Int64.self),
                    firedAt: try row.integer("fired_at"))
        }
    }
}
