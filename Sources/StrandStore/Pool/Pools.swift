import Foundation
import SQLKit
import StrandCore

/// A pool rule, or the state of the pool, refuses an action; the key names the message.
public enum PoolError: Error, Equatable {
    case refused(String)
}

/// The stored pools and what happened in them.
public enum Pools {
    public static func all(db: any SQLDatabase) async throws -> [Pool] {
        let members = try await db.raw("SELECT pool_id, kind, member_id, is_admin FROM pool_members ORDER BY pool_id, kind, member_id").all()
        let byPool = try Dictionary(grouping: members) { try $0.decode(column: "pool_id", as: Int64.self) }
        return try await db.raw("SELECT * FROM pools ORDER BY id").all().map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            let rules = try JSONDecoder().decode(PoolRules.self, from: Data(try row.decode(column: "rules", as: String.self).utf8))
            let members = try (byPool[id] ?? []).compactMap { member -> Pool.Member? in
                guard let kind = Pool.Member.Kind(rawValue: try member.decode(column: "kind", as: String.self)) else { return nil }
                return Pool.Member(kind, try member.decode(column: "member_id", as: Int64.self),
                                   isAdmin: try member.decode(column: "is_admin", as: Int64.self) != 0)
            }
            return Pool(id: id, name: try row.decode(column: "name", as: String.self), rules: rules,
                        isDefault: try row.decode(column: "is_default", as: Int64.self) != 0, members: members,
                        version: try row.decode(column: "version", as: Int64.self))
        }
    }

    /// Creates the pool (id 0) or replaces its name, rules and members; one pool is the default.
    static func save(_ pool: Pool, db: any SQLDatabase) async throws -> Int64 {
        let now = Clock.millis()
        let rules = String(decoding: try JSONEncoder.sorted.encode(pool.rules), as: UTF8.self)
        let id: Int64
        if pool.id == 0 {
            id = try await db.raw("""
                INSERT INTO pools (name, rules, is_default, created_at, updated_at)
                VALUES (\(bind: pool.name), \(bind: rules), \(bind: Int64(pool.isDefault ? 1 : 0)), \(bind: now), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int64.self)
        } else {
            id = pool.id
            let updated = try await db.raw("""
                UPDATE pools SET name = \(bind: pool.name), rules = \(bind: rules), is_default = \(bind: Int64(pool.isDefault ? 1 : 0)),
                  version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id) AND version = \(bind: pool.version) RETURNING id
                """).first()
            guard updated != nil else { throw PoolError.refused("pool.changed_meanwhile") }
            try await db.raw("DELETE FROM pool_members WHERE pool_id = \(bind: id)").run()
        }
        if pool.isDefault { try await db.raw("UPDATE pools SET is_default = 0 WHERE id <> \(bind: id)").run() }
        for member in Set(pool.members) {
            try await db.raw("""
                INSERT INTO pool_members (pool_id, kind, member_id, is_admin)
                VALUES (\(bind: id), \(bind: member.kind.rawValue), \(bind: member.id), \(bind: Int64(member.isAdmin ? 1 : 0)))
                """).run()
        }
        return id
    }

    /// The default pool a new Strand starts with, so that returned customers always have a place.
    public static func ensureDefault(_ database: StoreDatabase) async throws {
        try await database.write { db in
            guard try await db.raw("SELECT id FROM pools LIMIT 1").first() == nil else { return }
            var rules = PoolRules()
            (rules.maxOwned, rules.dailyClaims, rules.cooldownDays, rules.reminderDays) = (200, 20, 30, 3)
            rules.daysWithoutFollowUp = ["A": 90, "B": 60, "C": 30, "D": 30, "": 30]
            _ = try await self.save(Pool(id: 0, name: "公海", rules: rules, isDefault: true, members: []), db: db)
        }
    }

    public struct Event: Sendable, Equatable {
        public let poolId: Int64
        public let customerId: Int64
        /// claim, return, assign, auto_return
        public let kind: String
        /// The person who got the customer (claim, assign) or gave it up (return, auto_return).
        public let userId: Int64?
        public let actorId: Int64?
        public let reason: String
        public let at: Int64
    }

    static func record(_ events: [Event], db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        let rows = events.map { event -> any SQLExpression in
            SQLQueryString("""
                (\(bind: event.poolId), \(bind: event.customerId), \(bind: event.kind), \(bind: event.userId),
                 \(bind: event.actorId), \(bind: event.reason), \(bind: event.at))
                """)
        }
        try await db.raw("INSERT INTO pool_events (pool_id, customer_id, kind, user_id, actor_id, reason, at) VALUES \(SQLList(rows))").run()
    }

    /// The last time each of these customers was given back or returned by the rules: who had
    /// it, and why, for the pool's list (one query for a page of customers).
    public static func lastReturns(customerIds: [Int64], db: any SQLDatabase) async throws -> [Int64: Event] {
        guard !customerIds.isEmpty else { return [:] }
        let rows = try await db.raw("""
            SELECT * FROM pool_events WHERE customer_id IN \(SQLGroupExpression.binds(customerIds)) AND kind IN ('return', 'auto_return')
            ORDER BY id DESC
            """).all()
        var last: [Int64: Event] = [:]
        for row in rows {
            let customer = try row.decode(column: "customer_id", as: Int64.self)
            if last[customer] == nil { last[customer] = try self.event(row) }
        }
        return last
    }

    /// A customer's pool history, newest first.
    public static func events(customerId: Int64, db: any SQLDatabase) async throws -> [Event] {
        try await db.raw("SELECT * FROM pool_events WHERE customer_id = \(bind: customerId) ORDER BY id DESC LIMIT 100").all().map(self.event)
    }

    static func event(_ row: any SQLRow) throws -> Event {
        Event(poolId: try row.decode(column: "pool_id", as: Int64.self), customerId: try row.decode(column: "customer_id", as: Int64.self),
              kind: try row.decode(column: "kind", as: String.self), userId: try row.integer("user_id"),
              actorId: try row.integer("actor_id"), reason: try row.decode(column: "reason", as: String.self),
              at: try row.decode(column: "at", as: Int64.self))
    }
}

extension Pools {
    /// An administrator creates (id 0) or changes a pool; the change is audited.
    public static func save(_ pool: Pool, context: WriteContext, database: StoreDatabase) async throws -> Int64 {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        let name = pool.name.trimmingCharacters(in: .whitespaces)
        var errors: [String: FieldError] = [:]
        if name.isEmpty { errors["name"] = FieldError("required") } else if name.count > 50 { errors["name"] = FieldError("too_long", ["max": "50"]) }
        let numbers = [pool.rules.maxOwned, pool.rules.dailyClaims, pool.rules.reminderDays, pool.rules.cooldownDays]
            + pool.rules.daysWithoutFollowUp.values.map(Optional.some) + pool.rules.daysWithoutDeal.values.map(Optional.some)
        if numbers.contains(where: { ($0 ?? 0) < 0 || ($0 ?? 0) > 36_500 }) { errors["rules"] = .invalid }
        guard errors.isEmpty else { throw RecordError.invalid(ValidationFailure(errors)) }
        var cleaned = pool
        cleaned.name = name
        let saved = cleaned
        return try await database.write { db in
            let id = try await self.save(saved, db: db)
            let rules = String(decoding: try JSONEncoder.sorted.encode(saved.rules), as: UTF8.self)
            try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: context.actor.userId, ip: context.ip,
                                                 action: saved.id == 0 ? .create : .update, entity: "pool", recordId: id,
                                                 changes: ["name": AuditChange(from: nil, to: saved.name), "rules": AuditChange(from: nil, to: rules)]), db: db)
            return id
        }
    }
}
