import Foundation
import SQLKit
import StrandCore

/// What a person's workbench (F10) shows beyond their calendar: tasks overdue and due today,
/// the call-backs promised for today or before, and their own figures for the week and the
/// month. Every count reads one person's rows through an (owner, day) index.
public struct Workbench: Sendable {
    public struct Figures: Sendable, Equatable {
        public var newCustomers = 0
        public var followUps = 0
        /// Won deals' amounts, in fen.
        public var wonAmount: Int64 = 0

        public init(newCustomers: Int = 0, followUps: Int = 0, wonAmount: Int64 = 0) {
            (self.newCustomers, self.followUps, self.wonAmount) = (newCustomers, followUps, wonAmount)
        }
    }

    public init() {}

    public var tasks: [Record] = []
    public var callBacks: [Record] = []
    public var week = Figures()
    public var month = Figures()

    public static let limit = 30
}

extension StoreDatabase {
    public func workbench(userId: Int64, today: CalendarDay, timeZone: TimeZone, catalog: EntityCatalog) async throws -> Workbench {
        let now = Clock.millis()
        let monday = today.monday
        let first = CalendarDay(String(format: "%04d-%02d-01", today.year, today.month))!
        var bench = try await self.read { db in
            var bench = Workbench()
            if let tasks = catalog.entity(EntityKey.task) {
                bench.tasks = try await db.raw("""
                    SELECT * FROM tasks WHERE owner_id = \(bind: userId) AND status IN ('open', 'in_progress') AND due_date > ''
                      AND due_date <= \(bind: today.description) AND deleted_at IS NULL ORDER BY due_date, id LIMIT \(bind: Workbench.limit)
                    """).all().map { try Record.decode($0, entity: tasks) }
            }
            if let followUps = catalog.entity(EntityKey.followUp) {
                // The latest promise for each customer: a newer follow-up replaces an older one's.
                bench.callBacks = try await db.raw("""
                    SELECT * FROM follow_ups WHERE owner_id = \(bind: userId) AND next_date > '' AND next_date <= \(bind: today.description)
                      AND next_date >= \(bind: today.adding(days: -7).description) AND deleted_at IS NULL ORDER BY next_date DESC, id DESC
                      LIMIT \(bind: Workbench.limit)
                    """).all().map { try Record.decode($0, entity: followUps) }
            }
            return bench
        }
        // Counted as a board's totals are: kept until the next write, or a few seconds.
        let (weekFrom, monthFrom) = (monday.start(in: timeZone), first.start(in: timeZone))
        bench.week = try await self.reports.value("workbench|\(userId)|\(weekFrom)") {
            try await self.read { try await Self.figures(userId: userId, from: weekFrom, to: now, db: $0) }
        }
        bench.month = try await self.reports.value("workbench|\(userId)|\(monthFrom)") {
            try await self.read { try await Self.figures(userId: userId, from: monthFrom, to: now, db: $0) }
        }
        return bench
    }

    static func figures(userId: Int64, from: Int64, to: Int64, db: any SQLDatabase) async throws -> Workbench.Figures {
        let row = try await db.raw("""
            SELECT (SELECT COUNT(*) FROM customers WHERE owner_id = \(bind: userId) AND created_at >= \(bind: from) AND created_at <= \(bind: to)
                      AND deleted_at IS NULL) AS customers,
                   (SELECT COUNT(*) FROM follow_ups WHERE owner_id = \(bind: userId) AND happened_at >= \(bind: from) AND happened_at <= \(bind: to)
                      AND deleted_at IS NULL) AS follow_ups,
                   (SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM opportunities WHERE status = 'won' AND closed_at >= \(bind: from)
                      AND closed_at <= \(bind: to) AND owner_id = \(bind: userId) AND deleted_at IS NULL) AS won
            """).first()
        return Workbench.Figures(newCustomers: Int(try row?.integer("customers") ?? 0), followUps: Int(try row?.integer("follow_ups") ?? 0),
                                 wonAmount: try row?.integer("won") ?? 0)
    }
}
