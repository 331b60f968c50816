import StrandCore
import StrandStore
import Vapor

/// Events and tasks: the calendar, invitations, reminders, calendar feeds, and the care of
/// contacts on their birthdays and anniversaries.
struct CalendarFeature: Feature {
    func register(_ routes: FeatureRoutes) {
        CalendarController.register(pages: routes.pages, api: routes.api)
        CalendarFeedController.register(public: routes.open, account: routes.pages.grouped("account"))
        InvitationSection.register(pages: routes.pages, api: routes.api)
        CareController.register(pages: routes.pages, api: routes.api)
    }

    var menu: [MenuItem] {
        [
            MenuItem(path: "/care", label: "care.title", area: .customers, after: "contacts", shown: MenuItem.seeing(EntityKey.contact)),
            MenuItem(path: "/calendar", label: "calendar.title", area: .schedule, after: "events", shown: MenuItem.seeing(EntityKey.event)),
        ]
    }

    var strings: [FeatureStrings] { [FeatureStrings(simplified: Catalog.zhHansCalendar, english: Catalog.enCalendar)] }

    var jobs: [ScheduledJob] {
        [
            ScheduledJob(name: "reminders", interval: .seconds(5)) { job in
                let sent = try await ReminderQueue.fire(now: job.now, database: job.strand.database, catalog: job.strand.catalog)
                return sent > 0 ? "\(sent) sent" : nil
            },
            ScheduledJob(name: "care", interval: .seconds(60)) { job in
                guard let hour = job.nightlyHour else { return nil }
                let care = CareJob(database: job.strand.database)
                guard let outcome = try await care.runIfDue(now: job.now, hour: hour, timeZone: job.timeZone, runner: job.runner) else { return nil }
                return "\(outcome.reminded) reminded, \(outcome.moved) moved on"
            },
        ]
    }

    func sections(_ context: PageContext, _ page: DetailPage.Model, at place: DetailPage.Place) -> [Node] {
        guard place == .afterDetails, let responses = page.responses else { return [] }
        return [InvitationSection.render(context, page, responses: responses)]
    }

    /// An event's invitations and how each person answered.
    func detail(_ page: inout DetailPage.Model, _ context: DetailContext) async throws {
        guard page.entity.fields.contains(where: { $0.type == .people }) else { return }
        let id = page.record.id
        page.responses = try await context.request.strand.database.read { try await Invitations.responses(eventId: id, db: $0) }
    }
}
