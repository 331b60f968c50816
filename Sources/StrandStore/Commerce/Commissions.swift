import Foundation
import SQLKit
import StrandCore

/// A person's commission statement for a month, with the lines it comes from.
public struct CommissionStatement: Sendable, Equatable {
    public let userId: Int64
    public let period: String
    public let lines: [CommissionLine]
    /// Set once the month is closed: the statement no longer changes.
    public let closedAt: Int64?

    public var total: Int64 { self.lines.reduce(0) { $0 + $1.commission } }
}

/// Commissions (提成): per person and month, from the payments received on their contracts
/// (or the contracts they signed, a setting), split by product category, at the rate of
/// their roles. Closing a month keeps its statements as they are.
public enum Commissions {
    public static func statements(_ period: TargetPeriod, for people: [User], timeZone: TimeZone,
                                  database: StoreDatabase) async throws -> [CommissionStatement] {
        guard period.kind == .month, !people.isEmpty else { return [] }
        return try await database.read { db in
            let closed = try await self.closedAt(period, db: db)
            if let closed {
                let stored = try await self.stored(period, users: people.map(\.id), db: db)
                return people.map { stored[$0.id] ?? CommissionStatement(userId: $0.id, period: period.description, lines: [], closedAt: closed) }
            }
            let setup = try await CommerceSetupStore.load(db: db)
            let bases = try await self.bases(period, owners: people.map(\.id), onContract: setup.commissionOnContract, timeZone: timeZone, db: db)
            return people.map { person in
                let lines = (bases[person.id] ?? []).flatMap { base in
                    CommissionLine.lines(for: base) { CommissionRule.rate(setup.commissionRules, roles: person.roleKeys, category: $0) }
                }
                return CommissionStatement(userId: person.id, period: period.description, lines: lines, closedAt: nil)
            }
        }
    }

    /// Closes a month: everyone's statement is kept as it stands now.
    public static func close(_ period: TargetPeriod, context: WriteContext, timeZone: TimeZone, database: StoreDatabase) async throws {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        guard period.kind == .month else { throw RecordError.invalid(ValidationFailure(["period": .invalid])) }
        let people = try await database.read { try await Directory.users(db: $0) }
        let statements = try await self.statements(period, for: people, timeZone: timeZone, database: database)
        try await database.write { db in
            guard try await self.closedAt(period, db: db) == nil else {
                throw RecordError.invalid(ValidationFailure(["period": FieldError("already_closed")]))
            }
            let now = Clock.millis()
            try await db.raw("""
                INSERT INTO commission_closings (period, closed_at, closed_by) VALUES (\(bind: period.description), \(bind: now), \(bind: context.actor.userId))
                """).run()
            for statement in statements where !statement.lines.isEmpty {
                let lines = String(decoding: try JSONEncoder.sorted.encode(statement.lines), as: UTF8.self)
                try await db.raw("""
                    INSERT INTO commission_statements (period, user_id, total, lines) VALUES
                    (\(bind: period.description), \(bind: statement.userId), \(bind: statement.total), \(bind: lines))
                    """).run()
            }
            try await AuditLog.append(AuditEntry(at: now, userId: context.actor.userId, ip: context.ip, action: .close, entity: "commission",
                                                 recordId: 0, recordVersion: 0,
                                                 changes: ["period": AuditChange(from: nil, to: period.description)]), db: db)
        }
    }

    static func closedAt(_ period: TargetPeriod, db: any SQLDatabase) async throws -> Int64? {
        try await db.raw("SELECT closed_at FROM commission_closings WHERE period = \(bind: period.description)").first()?.integer("closed_at")
    }

    static func stored(_ period: TargetPeriod, users: [Int64], db: any SQLDatabase) async throws -> [Int64: CommissionStatement] {
        let closed = try await self.closedAt(period, db: db)
        var result: [Int64: CommissionStatement] = [:]
        for row in try await db.raw("""
            SELECT user_id, lines FROM commission_statements WHERE period = \(bind: period.description) AND user_id IN \(SQLGroupExpression.binds(users))
            """).all() {
            let user = try row.decode(column: "user_id", as: Int64.self)
            let lines = try JSONDecoder().decode([CommissionLine].self, from: Data((try row.text("lines") ?? "[]").utf8))
            result[user] = CommissionStatement(userId: user, period: period.description, lines: lines, closedAt: closed)
        }
        return result
    }

    /// The month's payments received (or contracts signed) per owner, with their contract's lines.
    static func bases(_ period: TargetPeriod, owners: [Int64], onContract: Bool, timeZone: TimeZone,
                      db: any SQLDatabase) async throws -> [Int64: [CommissionBase]] {
        let range = period.range(in: timeZone)
        let (start, end) = (DateTimeText.day(range.start, timeZone: timeZone).description, DateTimeText.day(range.end, timeZone: timeZone).description)
        let sql: SQLQueryString = onContract ? """
            SELECT 'contract' AS source, c.id AS source_id, c.owner_id, c.amount, c.signed_on AS day, c.id AS contract_id, c.number, c.lines
            FROM contracts c WHERE c.deleted_at IS NULL AND c.status IN ('signed', 'ended') AND c.signed_on >= \(bind: start)
              AND c.signed_on < \(bind: end) AND c.owner_id IN \(SQLGroupExpression.binds(owners)) ORDER BY c.signed_on, c.id
            """ : """
            SELECT 'payment' AS source, p.id AS source_id, p.owner_id, p.amount, p.received_on AS day, c.id AS contract_id, c.number, c.lines
            FROM payments p JOIN contracts c ON c.id = p.contract_id WHERE p.deleted_at IS NULL AND p.received_on >= \(bind: start)
              AND p.received_on < \(bind: end) AND p.owner_id IN \(SQLGroupExpression.binds(owners)) ORDER BY p.received_on, p.id
            """
        var result: [Int64: [CommissionBase]] = [:]
        for row in try await db.raw(sql).all() {
            guard let owner = try row.integer("owner_id") else { continue }
            result[owner, default: []].append(CommissionBase(
                source: try row.text("source") ?? "", sourceId: try row.decode(column: "source_id", as: Int64.self),
                contractId: try row.decode(column: "contract_id", as: Int64.self), contractNumber: try row.text("number") ?? "",
                day: try row.text("day") ?? "", amount: try row.integer("amount") ?? 0, lines: LineItems.decode(.text(try row.text("lines") ?? ""))))
        }
        return result
    }
}
