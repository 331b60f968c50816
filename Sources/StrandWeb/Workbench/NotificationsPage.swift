import StrandCore
import StrandStore
import Vapor

/// The notification center: unread ones stand out, each leads to its record (and is then
/// read), the ticked ones or all can be marked read, and older ones follow page by page.
enum NotificationsPage {
    static func render(_ context: PageContext, _ listing: NotificationsController.Listing) -> Response {
        let s = context.strings
        let base = listing.unreadOnly ? "/notifications?unread=1" : "/notifications"
        return Layout.render(context, title: s("notifications.title")) {
            el("div", .class("toolbar")) {
                el("h1") { s("notifications.title") }
                el("nav", .class("tabs")) {
                    el("a", .href("/notifications"), Attribute(flag: "aria-current", !listing.unreadOnly)) { s("notifications.all") }
                    el("a", .href("/notifications?unread=1"), Attribute(flag: "aria-current", listing.unreadOnly)) { s("notifications.unread") }
                }
            }
            el("section", .class("card")) {
                if listing.notices.isEmpty { el("p", .class("muted")) { s("notifications.empty") } }
                el("form", Attribute("method", "post"), .action("/notifications/read"), .id("notification-list")) {
                    context.csrfField
                    el("input", .type("hidden"), .name("back"), .value(base))
                    el("ul", .class("results notifications")) {
                        for notice in listing.notices { self.item(context, notice) }
                    }
                    if !listing.notices.isEmpty {
                        el("div", .class("form-actions")) {
                            el("button", .type("submit"), .name("selected"), .value("1")) { s("notifications.mark_selected") }
                        }
                    }
                }
                if listing.notices.contains(where: { $0.readAt == nil }) {
                    el("form", Attribute("method", "post"), .action("/notifications/read"), .class("inline")) {
                        context.csrfField
                        el("input", .type("hidden"), .name("back"), .value(base))
                        el("button", .type("submit"), .class("link")) { s("notice.mark_read") }
                    }
                }
                if let before = listing.before {
                    el("p") { el("a", .href(base + (listing.unreadOnly ? "&" : "?") + "before=\(before)"), .class("button")) { s("notifications.older") } }
                }
            }
        }
    }

    static func item(_ context: PageContext, _ notice: Notice) -> Node {
        let text = NoticeText.text(notice, strings: context.strings, timeZone: context.timeZone, catalog: context.catalog)
        return el("li", .class(notice.readAt == nil ? "unread" : "read")) {
            if notice.readAt == nil {
                el("input", .type("checkbox"), .name("id"), .value(String(notice.id)), .aria(label: text))
            }
            el("a", .href("/notifications/\(notice.id)")) { text }
            el("span", .class("muted")) { " " + context.time(notice.createdAt) }
            if notice.readAt == nil { el("span", .class("badge")) { context.strings("notifications.new") } }
        }
    }
}
