import StrandCore
import StrandStore
import Vapor

/// On the account page: how long before events and due days a person is reminded, and
/// whether their notifications also come by email.
enum NoticePreferencesSection {
    static func render(_ context: PageContext, _ preferences: NoticePreferences, email: String) -> Node {
        let s = context.strings
        let minutes = NoticePreferences.eventMinuteChoices.map { FieldDefinition.Option(value: String($0), label: self.minutesLabel($0, s)) }
        let days = NoticePreferences.dueDayChoices.map { FieldDefinition.Option(value: String($0), label: $0 == 0 ? s("notices.same_day") : s("notices.days_before", ["n": String($0)])) }
        let off = FieldDefinition.Option(value: "off", label: s("notices.off"))
        return el("section", .class("card"), .id("notice-preferences")) {
            el("h2") { s("notices.preferences") }
            el("form", Attribute("method", "post"), .action("/account/notices")) {
                context.csrfField
                el("div", .class("form-grid")) {
                    ListFilters.field("event_minutes", s("notices.event_minutes"), FieldDefinition.select([.id("filter-event_minutes"), .name("event_minutes")],
                        options: [off] + minutes, selected: preferences.eventMinutes.map(String.init) ?? "off", blank: false))
                    ListFilters.field("due_days", s("notices.due_days"), FieldDefinition.select([.id("filter-due_days"), .name("due_days")],
                        options: [off] + days, selected: preferences.dueDays.map(String.init) ?? "off", blank: false))
                    ListFilters.field("due_hour", s("notices.due_hour"), FieldDefinition.select([.id("filter-due_hour"), .name("due_hour")],
                        options: (0..<24).map { .init(value: String($0), label: String(format: "%02d:00", $0)) }, selected: String(preferences.dueHour), blank: false))
                }
                el("label", .class("check")) {
                    el("input", .type("checkbox"), .name("email"), .value("1"), Attribute(flag: "checked", preferences.email))
                    " " + s("notices.email", ["address": email.isEmpty ? s("notices.no_address") : email])
                }
                el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
            }
        }
    }

    static func minutesLabel(_ minutes: Int, _ s: Strings) -> String {
        switch minutes {
        case 0: s("notices.on_time")
        case 1440...: s("notices.days_before", ["n": String(minutes / 1440)])
        case 60...: s("notices.hours_before", ["n": String(minutes / 60)])
        default: s("notices.minutes_before", ["n": String(minutes)])
        }
    }

    /// Choices outside the lists are refused rather than stored.
    static func save(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let form = try FormInput.values(request)
        func choice(_ name: String, _ allowed: [Int]) throws -> Int? {
            guard let text = form[name], text != "off" else { return nil }
            guard let value = Int(text), allowed.contains(value) else { throw Abort(.badRequest, reason: name) }
            return value
        }
        var preferences = NoticePreferences()
        preferences.eventMinutes = try choice("event_minutes", NoticePreferences.eventMinuteChoices)
        preferences.dueDays = try choice("due_days", NoticePreferences.dueDayChoices)
        preferences.dueHour = try choice("due_hour", Array(0..<24)) ?? ReminderLead.defaultDueHour
        preferences.email = form["email"] == "1"
        let context = try request.writeContext()
        let (catalog, chosen) = (request.strand.catalog, preferences)
        try await request.strand.database.write { db in
            try await NoticePreferences.save(chosen, userId: identity.user.id, context: context, db: db)
            try await ReminderQueue.reschedule(userId: identity.user.id, catalog: catalog, now: Clock.millis(), db: db)
        }
        return request.redirect(to: "/account")
    }
}
