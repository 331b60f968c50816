import Foundation
import SQLKit
import StrandCore

/// How a person wants to be told of things: their reminder lead times and whether their
/// notifications also go out by email. Someone who never chose has the defaults.
public struct NoticePreferences: Sendable, Equatable {
    public var eventMinutes: Int? = ReminderLead.defaultEventMinutes
    public var dueDays: Int? = 0
    public var dueHour: Int = ReminderLead.defaultDueHour
    public var email = false

    public init() {}

    public static let eventMinuteChoices = [0, 5, 10, 15, 30, 60, 120, 1440]
    public static let dueDayChoices = [0, 1, 2, 3, 7]

    public func lead(in timeZone: TimeZone) -> ReminderLead {
        ReminderLead(eventMinutes: self.eventMinutes, dueDays: self.dueDays, dueHour: self.dueHour, timeZone: timeZone)
    }

    /// The preferences of some people, with the time zone each reads the clock in.
    public static func of(_ users: [Int64], db: any SQLDatabase) async throws -> [Int64: (NoticePreferences, TimeZone)] {
        guard !users.isEmpty else { return [:] }
        let rows = try await db.raw("""
            SELECT u.id, u.time_zone, p.event_minutes, p.due_days, p.due_hour, p.email FROM users u
            LEFT JOIN notice_preferences p ON p.user_id = u.id WHERE u.id IN \(SQLGroupExpression.binds(users))
            """).all()
        var result: [Int64: (NoticePreferences, TimeZone)] = [:]
        for row in rows {
            var preferences = NoticePreferences()
            if let hour = try row.integer("due_hour") {
                preferences.eventMinutes = try row.integer("event_minutes").map(Int.init)
                preferences.dueDays = try row.integer("due_days").map(Int.init)
                preferences.dueHour = Int(hour)
                preferences.email = try row.integer("email") == 1
            }
            let zone = TimeZone(identifier: try row.text("time_zone") ?? "") ?? TimeZone(identifier: "Asia/Shanghai")!
            result[try row.decode(column: "id", as: Int64.self)] = (preferences, zone)
        }
        return result
    }

    public static func save(_ preferences: NoticePreferences, userId: Int64, context: WriteContext, db: any SQLDatabase) async throws {
        let before = try await self.of([userId], db: db)[userId]?.0
        try await db.raw("""
            INSERT INTO notice_preferences (user_id, event_minutes, due_days, due_hour, email)
            VALUES (\(bind: userId), \(bind: preferences.eventMinutes), \(bind: preferences.dueDays), \(bind: preferences.dueHour), \(bind: preferences.email ? 1 : 0))
            ON CONFLICT (user_id) DO UPDATE SET event_minutes = EXCLUDED.event_minutes, due_days = EXCLUDED.due_days,
              due_hour = EXCLUDED.due_hour, email = EXCLUDED.email
            """).run()
        try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: context.actor.userId, ip: context.ip, action: .update,
                                             entity: "notice_preferences", recordId: userId, recordVersion: 0,
                                             changes: ["preferences": AuditChange(from: before.map(\.summary), to: preferences.summary)]), db: db)
    }

    var summary: String {
        "event \(self.eventMinutes.map(String.init) ?? "off") min, due \(self.dueDays.map(String.init) ?? "off") d at \(self.dueHour), email \(self.email)"
    }
}
