import Foundation
import SQLKit
import StrandCore

/// Claiming customers from a public pool, giving them back and assigning them, under the
/// pool's rules. Each call is one transaction over all the customers it names: all or nothing.
public struct PoolService: Sendable {
    public let records: RecordService

    public init(records: RecordService) {
        self.records = records
    }

    var database: StoreDatabase { self.records.database }
    var entity: EntityDefinition { self.records.catalog.entities.first(where: \.pooled)! }

    /// The pools a person may open: those they work from or administer; every pool for an administrator.
    public func pools(for actor: Actor) async throws -> [Pool] {
        try await self.database.read { db in
            let pools = try await Pools.all(db: db)
            let chain = try await Directory.departments(db: db).chain(from: actor.departmentId)
            if actor.isAdmin { return pools }
            let mine = pools.pools(forUser: actor.userId, departmentChain: chain)
            return pools.filter { pool in mine.contains(pool) || pool.isAdmin(actor.userId) }
        }
    }

    /// How many customers a person owns (all, and not won) and has claimed today.
    public func standing(of actor: Actor, timeZone: TimeZone, now: Int64 = Clock.millis()) async throws -> (owned: Int, notWon: Int, claimedToday: Int) {
        try await self.database.read { db in
            let owned = try await self.ownedCount(actor.userId, db: db)
            return (owned.all, owned.notWon, try await self.claims(by: actor.userId, since: Self.startOfDay(now, in: timeZone), db: db))
        }
    }

    public func claim(_ ids: [Int64], context: WriteContext, now: Int64 = Clock.millis()) async throws {
        let ids = try RecordService.batch(ids)
        let actor = context.actor
        try await self.database.write { db in
            let pools = try await Pools.all(db: db)
            let mine = pools.pools(forUser: actor.userId, departmentChain: try await Directory.departments(db: db).chain(from: actor.departmentId))
            let waiting = try await self.waiting(ids, db: db)
            // Counting what someone owns reads all their customers; only a cap needs it.
            var owned = mine.contains { $0.rules.maxOwned != nil } ? try await self.ownedCount(actor.userId, locking: true, db: db) : (all: 0, notWon: 0)
            let claimedToday = try await self.claims(by: actor.userId, since: Self.startOfDay(now, in: context.timeZone), db: db)
            for (poolId, group) in Dictionary(grouping: ids, by: { waiting[$0]! }) {
                guard let pool = mine.first(where: { $0.id == poolId }) else { throw RecordError.forbidden }
                let counted = pool.rules.wonCountTowardsMax ? owned.all : owned.notWon
                if let refusal = pool.rules.claimRefusal(owned: counted, claimedToday: claimedToday, requested: group.count) {
                    throw PoolError.refused(refusal)
                }
                try await self.checkCooldown(group, user: actor.userId, rules: pool.rules, now: now, db: db)
                (owned.all, owned.notWon) = (owned.all + group.count, owned.notWon + group.count)
            }
            let position = RecordPosition(owner: actor.userId, department: actor.departmentId)
            try await self.move(ids, to: position, action: .claim, context: context, db: db)
            try await Pools.record(ids.map { Pools.Event(poolId: waiting[$0]!, customerId: $0, kind: "claim", userId: actor.userId,
                                                         actorId: actor.userId, reason: "", at: now) }, db: db)
        }
    }

    /// A pool administrator (or Strand's) gives waiting customers to an active person.
    public func assign(_ ids: [Int64], to userId: Int64, context: WriteContext, now: Int64 = Clock.millis()) async throws {
        let ids = try RecordService.batch(ids)
        try await self.database.write { db in
            guard let user = try await Directory.user(id: userId, db: db), user.active else { throw PoolError.refused("pool.inactive_user") }
            let waiting = try await self.administered(ids, context: context, db: db)
            try await self.assign(ids, to: user, from: waiting, context: context, now: now, db: db)
        }
    }

    /// A pool administrator gives waiting customers to the people their territories name;
    /// those no territory matches keep waiting. Returns how many were given.
    public func assignByTerritory(_ ids: [Int64], context: WriteContext, now: Int64 = Clock.millis()) async throws -> Int {
        let ids = try RecordService.batch(ids)
        return try await self.database.write { db in
            let waiting = try await self.administered(ids, context: context, db: db)
            let records = try await RecordStore.find(self.entity, ids: ids, scope: ScopeFilter(.everything), db: db)
            let owners = try await self.records.territoryOwners(self.entity, records, setup: try await AssignmentStore.load(db: db), db: db)
            let matched = records.indices.filter { owners[$0] != nil }
            for (_, indices) in Dictionary(grouping: matched, by: { owners[$0]!.id }) {
                try await self.assign(indices.map { records[$0].id }, to: owners[indices[0]]!, from: waiting, context: context, now: now, db: db)
            }
            return matched.count
        }
    }

    /// The pool each of `ids` waits in, when the actor administers every one of those pools.
    func administered(_ ids: [Int64], context: WriteContext, db: any SQLDatabase) async throws -> [Int64: Int64] {
        let pools = try await Pools.all(db: db)
        let waiting = try await self.waiting(ids, db: db)
        for poolId in Set(waiting.values) {
            guard context.actor.isAdmin || pools.first(where: { $0.id == poolId })?.isAdmin(context.actor.userId) == true else {
                throw RecordError.forbidden
            }
        }
        return waiting
    }

    func assign(_ ids: [Int64], to user: User, from waiting: [Int64: Int64], context: WriteContext, now: Int64,
                db: any SQLDatabase) async throws {
        try await self.move(ids, to: RecordPosition(owner: user.id, department: user.departmentId), action: .assign,
                            context: context, db: db)
        try await Pools.record(ids.map { Pools.Event(poolId: waiting[$0]!, customerId: $0, kind: "assign", userId: user.id,
                                                     actorId: context.actor.userId, reason: "", at: now) }, db: db)
    }

    /// Sends customers back to their owners' pool with a reason; the owner, or someone who may
    /// assign them, may do it.
    public func giveBack(_ ids: [Int64], reason: String, context: WriteContext, now: Int64 = Clock.millis()) async throws {
        let ids = try RecordService.batch(ids)
        let reason = reason.trimmed
        guard !reason.isEmpty else { throw PoolError.refused("pool.reason_required") }
        guard reason.count <= 200 else { throw PoolError.refused("pool.reason_too_long") }
        let actor = context.actor
        try await self.database.write { db in
            var records: [Record] = []
            for id in ids {
                guard let current = try await RecordStore.find(self.entity, id: id, scope: actor.filter(.view, on: self.entity.key),
                                                               lockingOn: self.database.dialect, db: db) else { throw RecordError.notFound }
                guard let owner = current.ownerId else { throw PoolError.refused("pool.not_owned") }
                guard owner == actor.userId || actor.filter(.assign, on: self.entity.key).allows(owner: owner, department: current.departmentId) else {
                    throw RecordError.forbidden
                }
                records.append(current)
            }
            try await self.giveBack(records, reason: reason, context: context, now: now, db: db)
        }
    }

    /// Sends owned records, already checked, to their owners' home pools inside the caller's transaction.
    func giveBack(_ records: [Record], reason: String, context: WriteContext, now: Int64, db: any SQLDatabase) async throws {
        let pools = try await Pools.all(db: db)
        let departments = try await Directory.departments(db: db)
        let people = Dictionary(uniqueKeysWithValues: try await Directory.users(db: db).map { ($0.id, $0.departmentId) })
        var homes: [Int64: [Record]] = [:]
        for record in records {
            guard let owner = record.ownerId else { continue }
            guard let home = pools.home(forUser: owner, departmentChain: departments.chain(from: people[owner] ?? nil)) else {
                throw PoolError.refused("pool.none")
            }
            homes[home.id, default: []].append(record)
        }
        for (pool, records) in homes {
            try await self.records.reassign(self.entity, records, to: RecordPosition(owner: nil, department: nil), action: .returnToPool,
                                            note: reason, pool: pool, context: context, db: db)
            try await Pools.record(records.map { Pools.Event(poolId: pool, customerId: $0.id, kind: "return", userId: $0.ownerId,
                                                             actorId: context.actor.userId, reason: reason, at: now) }, db: db)
        }
    }

    static func startOfDay(_ time: Int64, in timeZone: TimeZone) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return Clock.millis(calendar.startOfDay(for: Date(timeIntervalSince1970: Double(time) / 1000)))
    }
}
