import StrandCore
import Vapor

/// On the account page: the private calendar feed's address, shown once when made, with a way
/// to make a new one (retiring the old) or to stop it.
enum CalendarFeedSection {
    static func render(_ context: PageContext, created: Int64?, newFeed: String?) -> Node {
        let s = context.strings
        return el("section", .class("card"), .id("calendar-feed")) {
            el("h2") { s("feed.title") }
            el("p", .class("muted")) { s("feed.explain") }
            if let newFeed {
                el("p", .class("alert success")) {
                    s("feed.created") + " "
                    el("code", .id("feed-url")) { newFeed }
                }
            } else if let created {
                el("p") { s("feed.active", ["since": context.time(created)]) }
            }
            el("form", .class("inline"), Attribute("method", "post"), .action("/account/calendar-feed"),
               Attribute("data-confirm", ifPresent: created.map { _ in s("feed.renew_confirm") })) {
                context.csrfField
                el("button", .type("submit"), .id("feed-renew")) { s(created == nil ? "feed.create" : "feed.renew") }
            }
            if created != nil {
                el("form", .class("inline"), Attribute("method", "post"), .action("/account/calendar-feed/delete"),
                   Attribute("data-confirm", s("feed.stop_confirm"))) {
                    context.csrfField
                    el("button", .type("submit"), .class("danger"), .id("feed-stop")) { s("feed.stop") }
                }
            }
        }
    }
}
