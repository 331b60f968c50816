import Foundation
import SQLKit
import StrandCore

/// Customer care (A8), once a day: a contact's birthday or anniversary that has passed moves on
/// to its next year, and each one coming round today or in `lead` days reminds the contact's
/// owner, so a salesperson has time to send a greeting.
public struct CareJob: Sendable {
    public static let name = "care"
    public static let lead = 3
    public let database: StoreDatabase

    public init(database: StoreDatabase) {
        self.database = database
    }

    public struct Outcome: Sendable, Equatable {
        public var moved = 0
        public var reminded = 0
    }

    public func runIfDue(now: Int64, hour: Int, timeZone: TimeZone, runner: String) async throws -> Outcome? {
        try await JobRuns.daily(Self.name, now: now, hour: hour, timeZone: timeZone, runner: runner, database: self.database) {
            let outcome = try await self.run(today: DateTimeText.day(now, timeZone: timeZone), now: now)
            return (outcome, "moved \(outcome.moved), reminded \(outcome.reminded)")
        }
    }

    public func run(today: CalendarDay, now: Int64) async throws -> Outcome {
        var outcome = Outcome()
        for (source, next) in CareRules.days {
            outcome.moved += try await self.moveOn(source, next, today: today)
            outcome.reminded += try await self.remind(source, next, on: [today, today.adding(days: Self.lead)], now: now)
        }
        return outcome
    }

    /// Days that have passed, a thousand to a transaction.
    func moveOn(_ source: String, _ next: String, today: CalendarDay) async throws -> Int {
        var moved = 0
        while true {
            let count = try await self.database.write { db in
                let rows = try await db.raw("""
                    SELECT id, \(ident: source), birthday_lunar FROM contacts
                    WHERE \(ident: next) > '' AND \(ident: next) < \(bind: today.description) AND deleted_at IS NULL LIMIT 1000
                    """).all()
                for row in rows {
                    let values: [String: FieldValue] = [source: .text(try row.text(source) ?? ""), "birthday_lunar": .bool(try row.integer("birthday_lunar") == 1)]
                    try await db.raw("""
                        UPDATE contacts SET \(ident: next) = \(bind: CareRules.next(source, values, from: today)?.description ?? "")
                        WHERE id = \(bind: try row.decode(column: "id", as: Int64.self))
                        """).run()
                }
                return rows.count
            }
            moved += count
            if count < 1000 { return moved }
        }
    }

    func remind(_ source: String, _ next: String, on days: [CalendarDay], now: Int64) async throws -> Int {
        try await self.database.write { db in
            let rows = try await db.raw("""
                SELECT c.id, c.name, c.owner_id, c.birthday_lunar, c.\(ident: next) AS day, u.name AS customer FROM contacts c
                JOIN customers u ON u.id = c.customer_id
                WHERE c.\(ident: next) IN \(SQLGroupExpression.binds(days.map(\.description))) AND c.owner_id IS NOT NULL AND c.deleted_at IS NULL
                """).all()
            let notices = try rows.map { row in
                let lunar = try row.integer("birthday_lunar") == 1
                return Notice(userId: try row.decode(column: "owner_id", as: Int64.self), kind: "care_\(source)", entity: EntityKey.contact,
                       recordId: try row.decode(column: "id", as: Int64.self),
                       params: ["name": try row.text("name") ?? "", "customer": try row.text("customer") ?? "", "day": try row.text("day") ?? "",
                                "lunar": source == "birthday" && lunar ? "1" : ""],
                       createdAt: now)
            }
            try await Notices.add(notices, db: db)
            return notices.count
        }
    }

    /// Works out every contact's next days, for contacts saved before contacts kept them.
    static func fillNextDays(_ catalog: EntityCatalog, _ dialect: Dialect, _ db: any SQLDatabase) async throws {
        let today = DateTimeText.day(Clock.millis(), timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let rows = try await db.raw("SELECT id, birthday, birthday_lunar, anniversary FROM contacts WHERE birthday > '' OR anniversary > ''").all()
        for row in rows {
            let values: [String: FieldValue] = ["birthday": .text(try row.text("birthday") ?? ""), "anniversary": .text(try row.text("anniversary") ?? ""),
                                                "birthday_lunar": .bool(try row.integer("birthday_lunar") == 1)]
            try await db.raw("""
                UPDATE contacts SET next_birthday = \(bind: CareRules.next("birthday", values, from: today)?.description ?? ""),
                  next_anniversary = \(bind: CareRules.next("anniversary", values, from: today)?.description ?? "")
                WHERE id = \(bind: try row.decode(column: "id", as: Int64.self))
                """).run()
        }
    }

    /// A person's contacts whose birthday or anniversary comes round in [from, to), soonest first.
    public static func upcoming(_ contacts: EntityDefinition, scope: ScopeFilter, from: CalendarDay, to: CalendarDay, limit: Int = 100,
                                db: any SQLDatabase) async throws -> [(kind: String, day: CalendarDay, contact: Record)] {
        var found: [(kind: String, day: CalendarDay, contact: Record)] = []
        for (source, next) in CareRules.days {
            let rows = try await db.raw("""
                SELECT * FROM contacts WHERE \(ident: next) >= \(bind: from.description) AND \(ident: next) < \(bind: to.description)
                  AND deleted_at IS NULL AND (\(scope.condition(on: contacts))) ORDER BY \(ident: next) LIMIT \(bind: limit)
                """).all()
            for row in rows {
                let contact = try Record.decode(row, entity: contacts)
                if let day = contact[next].textValue.flatMap(CalendarDay.init) { found.append((source, day, contact)) }
            }
        }
        return found.sorted { ($0.day, $0.contact.id) < ($1.day, $1.contact.id) }.prefix(limit).map { $0 }
    }
}
