import Foundation
import SQLKit
import StrandCore

/// A person's or a department's target for a period beside what they have won in it.
public struct TargetLine: Sendable, Equatable {
    public let unit: SalesUnit
    public let name: String
    public let target: SalesTarget?
    public let won: Int64
    public let wonCount: Int
    /// Place in the ranking of people by amount won (equal amounts share a place).
    public var rank: Int?

    public var percentOfBase: Int? { self.target.flatMap { SalesTarget.percent(self.won, of: $0.base) } }
    public var percentOfStretch: Int? { self.target.flatMap { SalesTarget.percent(self.won, of: $0.stretch) } }
}

/// Targets for one period with their completion, as far as the reader's scope reaches: the
/// departments they see, and the people of one department ranked by what they won.
public struct TargetBoard: Sendable {
    public let period: TargetPeriod
    public let measure: TargetMeasure
    public let department: Int64?
    public let departments: [TargetLine]
    public let people: [TargetLine]
    /// The lines whose targets the reader may set.
    public let settable: Set<SalesUnit>
}

/// What completes a target: the deals won in the period, or the payments received in it.
public enum TargetMeasure: String, Sendable, CaseIterable {
    case won, received

    var entity: String { self == .won ? "opportunity" : "payment" }
}

/// Sales targets (业绩目标). Completion counts the deals won in the period (closed as won
/// within it), or the payments received in it, by their owner, and for a department by
/// everyone in it and below it.
public enum Targets {
    public static func board(_ period: TargetPeriod, measure: TargetMeasure = .won, department: Int64?, actor: Actor, timeZone: TimeZone,
                             database: StoreDatabase) async throws -> TargetBoard {
        let scope = actor.filter(.view, on: measure.entity)
        return try await database.read { db in
            let (users, departments) = (try await Directory.users(db: db), try await Directory.departments(db: db))
            let targets = try await self.stored(period, db: db)
            let range = period.range(in: timeZone)
            let won = measure == .won ? try await self.won(range, scope: scope, db: db)
                : try await self.received((DateTimeText.day(range.start, timeZone: timeZone).description,
                                           DateTimeText.day(range.end, timeZone: timeZone).description), scope: scope, db: db)
            let visibleDepartments = departments.filter { Self.reaches(scope, department: $0.id) }
            let departmentLines = visibleDepartments.map { department in
                let tree = Set(departments.subtree(of: department.id))
                let rows = won.filter { $0.department.map(tree.contains) ?? false }
                return TargetLine(unit: .department(department.id), name: department.name, target: targets[.department(department.id)],
                                  won: rows.reduce(0) { $0 &+ $1.amount }, wonCount: rows.reduce(0) { $0 + $1.count })
            }
            let chosen = department.map { Set(departments.subtree(of: $0)) }
            var people = users.filter { user in
                scope.allows(owner: user.id, department: user.departmentId)
                    && (chosen == nil || user.departmentId.map { chosen!.contains($0) } == true)
                    && (user.active || targets[.user(user.id)] != nil || won.contains { $0.owner == user.id })
            }.map { user in
                let rows = won.filter { $0.owner == user.id }
                return TargetLine(unit: .user(user.id), name: user.name, target: targets[.user(user.id)],
                                  won: rows.reduce(0) { $0 &+ $1.amount }, wonCount: rows.reduce(0) { $0 + $1.count })
            }.sorted { ($1.won, $0.name) < ($0.won, $1.name) }
            for index in people.indices {
                people[index].rank = index > 0 && people[index - 1].won == people[index].won ? people[index - 1].rank : index + 1
            }
            let settable = Self.settable((departmentLines + people).map(\.unit), by: actor, users: users, departments: departments)
            return TargetBoard(period: period, measure: measure, department: department, departments: departmentLines, people: people, settable: settable)
        }
    }

    /// Sets the period's targets; a target with both figures zero is taken away. Each must be
    /// within the writer's reach: a person or department they may assign deals to.
    public static func save(_ period: TargetPeriod, _ targets: [SalesTarget], context: WriteContext, database: StoreDatabase) async throws {
        var errors: [String: FieldError] = [:]
        for target in targets {
            if target.base < 0 || target.stretch < 0 { errors["base"] = FieldError("out_of_range", ["min": "0", "max": "∞"]) }
            if target.stretch != 0 && target.stretch < target.base { errors["stretch"] = FieldError("stretch_below_base") }
        }
        guard errors.isEmpty else { throw RecordError.invalid(ValidationFailure(errors)) }
        try await database.write { db in
            let allowed = Self.settable(targets.map(\.unit), by: context.actor, users: try await Directory.users(db: db),
                                        departments: try await Directory.departments(db: db))
            let stored = try await self.stored(period, db: db)
            for target in targets {
                guard allowed.contains(target.unit) else { throw RecordError.forbidden }
                let before = stored[target.unit]
                guard before?.base != target.base || before?.stretch != target.stretch, before != nil || target.base != 0 || target.stretch != 0 else { continue }
                let id = try await self.write(period, target, context: context, db: db)
                try await AuditLog.append(AuditEntry(
                    at: Clock.millis(), userId: context.actor.userId, ip: context.ip, action: .update, entity: EntityKey.salesTarget,
                    recordId: id, recordVersion: 0,
                    changes: ["period": AuditChange(from: nil, to: period.description),
                              "base": AuditChange(from: before.map { String($0.base) }, to: String(target.base)),
                              "stretch": AuditChange(from: before.map { String($0.stretch) }, to: String(target.stretch))]), db: db)
            }
        }
    }

    static func write(_ period: TargetPeriod, _ target: SalesTarget, context: WriteContext, db: any SQLDatabase) async throws -> Int64 {
        let (kind, member) = self.columns(target.unit)
        let row = try await db.raw("""
            INSERT INTO sales_targets (period, kind, member_id, base, stretch, updated_by, updated_at)
            VALUES (\(bind: period.description), \(bind: kind), \(bind: member), \(bind: target.base), \(bind: target.stretch),
                    \(bind: context.actor.userId), \(bind: Clock.millis()))
            ON CONFLICT (period, kind, member_id) DO UPDATE SET base = EXCLUDED.base, stretch = EXCLUDED.stretch,
              updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
            RETURNING id
            """).first()
        let id = try row?.decode(column: "id", as: Int64.self) ?? 0
        if target.base == 0 && target.stretch == 0 { try await db.raw("DELETE FROM sales_targets WHERE id = \(bind: id)").run() }
        return id
    }

    static func stored(_ period: TargetPeriod, db: any SQLDatabase) async throws -> [SalesUnit: SalesTarget] {
        let rows = try await db.raw("SELECT kind, member_id, base, stretch FROM sales_targets WHERE period = \(bind: period.description)").all()
        var result: [SalesUnit: SalesTarget] = [:]
        for row in rows {
            let id = try row.decode(column: "member_id", as: Int64.self)
            let unit: SalesUnit = try row.decode(column: "kind", as: String.self) == "user" ? .user(id) : .department(id)
            result[unit] = SalesTarget(unit: unit, base: try row.decode(column: "base", as: Int64.self),
                                       stretch: try row.decode(column: "stretch", as: Int64.self))
        }
        return result
    }

    struct Won {
        let owner: Int64?, department: Int64?, count: Int, amount: Int64
    }

    /// Deals won in the range within the scope, totalled per owner and department.
    static func won(_ range: (start: Int64, end: Int64), scope: ScopeFilter, db: any SQLDatabase) async throws -> [Won] {
        try await db.raw("""
            SELECT owner_id, department_id, COUNT(*) AS deals, CAST(SUM(amount) AS BIGINT) AS amount FROM opportunities
            WHERE status = 'won' AND closed_at >= \(bind: range.start) AND closed_at < \(bind: range.end)
              AND deleted_at IS NULL AND (\(scope.condition))
            GROUP BY owner_id, department_id
            """).all().map { row in
            Won(owner: try row.integer("owner_id"), department: try row.integer("department_id"),
                count: Int(try row.integer("deals") ?? 0), amount: try row.integer("amount") ?? 0)
        }
    }

    /// Payments received on the days of the range within the scope, per owner and department.
    static func received(_ days: (start: String, end: String), scope: ScopeFilter, db: any SQLDatabase) async throws -> [Won] {
        try await db.raw("""
            SELECT owner_id, department_id, COUNT(*) AS deals, CAST(SUM(amount) AS BIGINT) AS amount FROM payments
            WHERE received_on >= \(bind: days.start) AND received_on < \(bind: days.end) AND deleted_at IS NULL AND (\(scope.condition))
            GROUP BY owner_id, department_id
            """).all().map { row in
            Won(owner: try row.integer("owner_id"), department: try row.integer("department_id"),
                count: Int(try row.integer("deals") ?? 0), amount: try row.integer("amount") ?? 0)
        }
    }

    /// Those of `units` whose targets the actor may set: people and departments they may
    /// assign deals to, other than themselves and their own department (set from above; an
    /// administrator sets any).
    static func settable(_ units: [SalesUnit], by actor: Actor, users: [User], departments: [Department]) -> Set<SalesUnit> {
        let scope = actor.filter(.assign, on: EntityKey.opportunity)
        let homes = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.departmentId) })
        let existing = Set(departments.map(\.id))
        return Set(units.filter { unit in
            switch unit {
            case .user(let id):
                (actor.isAdmin || id != actor.userId) && (homes[id].map { scope.allows(owner: id, department: $0) } ?? false)
            case .department(let id):
                existing.contains(id) && (actor.isAdmin || id != actor.departmentId) && Self.reaches(scope, department: id)
            }
        })
    }

    static func reaches(_ scope: ScopeFilter, department: Int64) -> Bool {
        switch scope.reach {
        case .everything: true
        case .limited(_, let departments): departments.contains(department)
        case .nothing, .pool: false
        }
    }

    static func columns(_ unit: SalesUnit) -> (kind: String, member: Int64) {
        switch unit {
        case .user(let id): ("user", id)
        case .department(let id): ("department", id)
        }
    }
}
