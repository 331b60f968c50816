import StrandCore
import StrandStore
import Vapor

/// The workbench each person starts from, daily and weekly work reports, notifications and
/// the mail that carries them.
struct WorkbenchFeature: Feature {
    func register(_ routes: FeatureRoutes) {
        routes.pages.get { try await WorkbenchController.show($0) }
        ReportsController.register(pages: routes.pages, api: routes.api)
        NotificationsController.register(pages: routes.pages, api: routes.api)
    }

    var menu: [MenuItem] {
        [MenuItem(path: "/reports", label: "report.title", area: .schedule, shown: MenuItem.seeing(EntityKey.event))]
    }

    var jobs: [ScheduledJob] {
        [ScheduledJob(name: "mail", interval: .seconds(5)) { job in
            let sent = try await MailSender(strand: job.strand).sendDue(now: job.now)
            return sent > 0 ? "\(sent) sent" : nil
        }]
    }
}
