import Foundation
import SQLKit
import StrandCore

/// A daily or weekly work report (日报/周报, B12): what was done, the plan, the problems;
/// submitted to the author's department managers, who comment. A report may be changed until
/// it is commented on.
public struct WorkReport: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case daily, weekly }

    public var id: Int64 = 0
    public var userId: Int64
    public var kind: Kind
    /// The day, or the Monday of the week.
    public var period: CalendarDay
    public var done: String
    public var plan: String
    public var problems: String
    public var submittedAt: Int64 = 0
    public var comment = ""
    public var commentedBy: Int64?
    public var commentedAt: Int64?

    public init(userId: Int64, kind: Kind, period: CalendarDay, done: String = "", plan: String = "", problems: String = "") {
        (self.userId, self.kind, self.period, self.done, self.plan, self.problems) = (userId, kind, period, done, plan, problems)
    }

    /// The period a day falls in: the day itself, or its week's Monday.
    public static func period(of day: CalendarDay, kind: Kind) -> CalendarDay {
        kind == .daily ? day : day.monday
    }
}

public enum WorkReports {
    public static let maxLength = 5000

    /// Saves (and submits) the author's report for its period; its managers are told.
    public static func submit(_ report: WorkReport, context: WriteContext, database: StoreDatabase) async throws -> WorkReport {
        var errors: [String: FieldError] = [:]
        if report.done.trimmed.isEmpty { errors["done"] = .required }
        for (key, text) in [("done", report.done), ("plan", report.plan), ("problems", report.problems)] where text.count > self.maxLength {
            errors[key] = FieldError("too_long", ["max": String(self.maxLength)])
        }
        guard errors.isEmpty else { throw RecordError.invalid(ValidationFailure(errors)) }
        let now = Clock.millis(), user = context.actor.userId
        return try await database.write { db in
            let existing = try await self.find(userId: user, kind: report.kind, period: report.period, db: db)
            if existing?.commentedAt != nil { throw RecordError.invalid(ValidationFailure(["done": FieldError("already_commented")])) }
            let row = try await db.raw("""
                INSERT INTO work_reports (user_id, kind, period, done, plan, problems, submitted_at)
                VALUES (\(bind: user), \(bind: report.kind.rawValue), \(bind: report.period.description), \(bind: report.done.trimmed),
                        \(bind: report.plan.trimmed), \(bind: report.problems.trimmed), \(bind: now))
                ON CONFLICT (user_id, kind, period) DO UPDATE SET done = EXCLUDED.done, plan = EXCLUDED.plan, problems = EXCLUDED.problems,
                  submitted_at = EXCLUDED.submitted_at
                RETURNING id
                """).first()
            let id = try row?.decode(column: "id", as: Int64.self) ?? 0
            try await AuditLog.append(AuditEntry(at: now, userId: user, ip: context.ip, action: existing == nil ? .create : .update,
                                                 entity: "work_report", recordId: id, recordVersion: nil,
                                                 changes: ["done": AuditChange(from: existing?.done, to: report.done.trimmed)]), db: db)
            if existing == nil {
                let author = try await Directory.user(id: user, db: db)
                let managers = try await Directory.users(db: db).filter {
                    $0.active && $0.id != user && $0.roleKeys.contains("manager") && $0.departmentId != nil && $0.departmentId == author?.departmentId
                }
                try await Notices.add(managers.map {
                    Notice(userId: $0.id, kind: "report_\(report.kind.rawValue)", entity: "work_report", recordId: id,
                           params: ["by": author?.name ?? "", "day": report.period.description], createdAt: now)
                }, db: db)
            }
            return try await self.find(id: id, db: db)!
        }
    }

    /// A manager comments on a report they may read; its author is told.
    public static func comment(_ id: Int64, text: String, context: WriteContext, readable: ScopeFilter, database: StoreDatabase) async throws {
        let comment = text.trimmed
        guard !comment.isEmpty, comment.count <= self.maxLength else {
            throw RecordError.invalid(ValidationFailure(["comment": comment.isEmpty ? .required : FieldError("too_long", ["max": String(self.maxLength)])]))
        }
        let now = Clock.millis()
        try await database.write { db in
            guard let report = try await self.find(id: id, db: db), report.userId != context.actor.userId,
                  let author = try await Directory.user(id: report.userId, db: db), readable.allows(owner: author.id, department: author.departmentId)
            else { throw RecordError.notFound }
            try await db.raw("""
                UPDATE work_reports SET comment = \(bind: comment), commented_by = \(bind: context.actor.userId), commented_at = \(bind: now)
                WHERE id = \(bind: id)
                """).run()
            try await AuditLog.append(AuditEntry(at: now, userId: context.actor.userId, ip: context.ip, action: .comment, entity: "work_report",
                                                 recordId: id, recordVersion: nil, changes: ["comment": AuditChange(from: report.comment, to: comment)]), db: db)
            let by = try await Directory.user(id: context.actor.userId, db: db)?.name ?? ""
            try await Notices.add([Notice(userId: report.userId, kind: "report_commented", entity: "work_report", recordId: id,
                                          params: ["by": by, "day": report.period.description], createdAt: now)], db: db)
        }
    }

    public static func find(id: Int64, db: any SQLDatabase) async throws -> WorkReport? {
        try await db.raw("SELECT * FROM work_reports WHERE id = \(bind: id)").first().map(self.report)
    }

    public static func find(userId: Int64, kind: WorkReport.Kind, period: CalendarDay, db: any SQLDatabase) async throws -> WorkReport? {
        try await db.raw("""
            SELECT * FROM work_reports WHERE user_id = \(bind: userId) AND kind = \(bind: kind.rawValue) AND period = \(bind: period.description)
            """).first().map(self.report)
    }

    /// A person's reports, newest period first.
    public static func mine(userId: Int64, limit: Int = 30, db: any SQLDatabase) async throws -> [WorkReport] {
        try await db.raw("SELECT * FROM work_reports WHERE user_id = \(bind: userId) ORDER BY period DESC, kind LIMIT \(bind: limit)").all().map(self.report)
    }

    /// The reports some people handed in for a period, by person.
    public static func of(_ users: [Int64], kind: WorkReport.Kind, period: CalendarDay, db: any SQLDatabase) async throws -> [Int64: WorkReport] {
        guard !users.isEmpty else { return [:] }
        let rows = try await db.raw("""
            SELECT * FROM work_reports WHERE kind = \(bind: kind.rawValue) AND period = \(bind: period.description)
              AND user_id IN \(SQLGroupExpression.binds(users))
            """).all()
        return Dictionary(uniqueKeysWithValues: try rows.map(self.report).map { ($0.userId, $0) })
    }

    static func report(_ row: any SQLRow) throws -> WorkReport {
        var report = WorkReport(userId: try row.decode(column: "user_id", as: Int64.self),
                                kind: WorkReport.Kind(rawValue: try row.text("kind") ?? "") ?? .daily,
                                period: CalendarDay(try row.text("period") ?? "") ?? CalendarDay("1970-01-01")!,
                                done: try row.text("done") ?? "", plan: try row.text("plan") ?? "", problems: try row.text("problems") ?? "")
        report.id = try row.decode(column: "id", as: Int64.self)
        report.submittedAt = try row.integer("submitted_at") ?? 0
        report.comment = try row.text("comment") ?? ""
        report.commentedBy = try row.integer("commented_by")
        report.commentedAt = try row.integer("commented_at")
        return report
    }

    /// The draft of a new report: the period's follow-ups and events as what was done.
    public static func draft(userId: Int64, kind: WorkReport.Kind, period: CalendarDay, timeZone: TimeZone,
                             database: StoreDatabase) async throws -> WorkReport {
        let from = period.start(in: timeZone), to = period.adding(days: kind == .daily ? 1 : 7).start(in: timeZone)
        let events = try await database.calendar(owners: [userId], from: from, to: to, reader: userId, scope: ScopeFilter(.everything))
        let followUps = try await database.read { db in
            try await db.raw("""
                SELECT f.content, f.happened_at, c.name FROM follow_ups f JOIN customers c ON c.id = f.customer_id
                WHERE f.owner_id = \(bind: userId) AND f.happened_at >= \(bind: from) AND f.happened_at < \(bind: to) AND f.deleted_at IS NULL
                ORDER BY f.happened_at LIMIT 100
                """).all().map { row in
                let firstLine = (try row.text("content") ?? "").split(separator: "\n").first.map(String.init) ?? ""
                return (try row.integer("happened_at") ?? 0, (try row.text("name") ?? "") + "：" + firstLine)
            }
        }
        let lines = (events.filter { !$0.busyOnly }.map { ($0.start, $0.subject) } + followUps).sorted { $0.0 < $1.0 }.map { at, text in
            "- " + DateTimeText.local(at, timeZone: timeZone).dropFirst(kind == .daily ? 11 : 5) + " " + text
        }
        return WorkReport(userId: userId, kind: kind, period: period, done: lines.joined(separator: "\n"))
    }
}
