import StrandCore
import Vapor

/// The frame of every signed-in page: header with the search box, navigation, content.
enum Layout {
    static func render(_ context: PageContext, title: String, status: HTTPResponseStatus = .ok,
                       @NodeBuilder content: () -> [Node]) -> Response {
        let s = context.strings
        let body = el("body") {
            el("header", .class("topbar")) {
                el("button", .class("menu-toggle"), .type("button"), .aria(label: s("nav.menu")), .data("data-toggle", "nav")) { "☰" }
                el("a", .href("/"), .class("brand")) { s("app.name") }
                if context.identity != nil { self.searchBox(context) }
                if let identity = context.identity {
                    el("nav", .class("user-menu")) {
                        el("a", .href("/notifications"), .id("notice-bell"), .data("data-stream", "/notifications/stream")) {
                            s("notifications.title")
                            el("span", .class("count"), Attribute(flag: "hidden", true))
                        }
                        el("a", .href("/account")) { identity.user.name }
                        el("form", .action("/sign-out"), Attribute("method", "post"), .class("inline")) {
                            context.csrfField
                            el("button", .type("submit"), .class("link")) { s("nav.sign_out") }
                        }
                    }
                }
            }
            el("div", .class("frame")) {
                if context.identity != nil { self.navigation(context) }
                el("main", .id("main")) {
                    if let flash = context.flash { el("p", .class("alert success flash"), Attribute("role", "status")) { flash } }
                    content()
                }
            }
            el("div", .id("toasts"), .class("toasts"), Attribute("aria-live", "polite"))
            el("script", Attribute("src", "/assets/app.js"), Attribute(flag: "defer", true))
        }
        let page = el("html", Attribute("lang", s.language.htmlTag)) {
            el("head") {
                el("meta", Attribute("charset", "utf-8"))
                el("meta", .name("viewport"), Attribute("content", "width=device-width, initial-scale=1"))
                el("title") { title + " · " + s("app.name") }
                el("link", Attribute("rel", "stylesheet"), .href("/assets/app.css"))
            }
            body
        }
        let response = Response.page(Node.document(page), status: status)
        if context.flash != nil { Flash.clear(response) }
        return response
    }

    static func searchBox(_ context: PageContext) -> Node {
        el("form", .action("/search"), Attribute("method", "get"), .class("search"), Attribute("role", "search")) {
            el("input", .type("search"), .name("q"), .id("global-search"), Attribute("autocomplete", "off"),
               Attribute("placeholder", context.strings("search.placeholder")), .aria(label: context.strings("search.title")),
               .data("data-live", "/search/live"))
            el("div", .id("live-results"), .class("live-results"), Attribute("role", "listbox"))
        }
    }

    static func navigation(_ context: PageContext) -> Node {
        let s = context.strings
        let groups = Menu.groups(context)
        // The most specific entry is the current one: the board, not the opportunities above it.
        let paths = ["/"] + groups.flatMap { $0.items.map(\.path) }
        let currentPath = paths.filter { path in
            path == "/" ? context.path == "/" : context.path == path || context.path.hasPrefix(path + "/")
        }.max { $0.count < $1.count }
        func link(_ path: String, _ label: String) -> Node {
            let current = path == currentPath
            return el("li") { el("a", .href(path), Attribute(flag: "aria-current", current), .class(current ? "current" : "")) { label } }
        }
        return el("nav", .class("sidebar"), .id("nav")) {
            el("ul") {
                link("/", s("nav.home"))
                for group in groups {
                    el("li", .class("nav-group")) {
                        el("p", .class("nav-heading"), .id("nav-\(group.area.rawValue)")) { s("nav.area.\(group.area.rawValue)") }
                        el("ul", Attribute("aria-labelledby", "nav-\(group.area.rawValue)")) {
                            for (path, label) in group.items { link(path, label) }
                        }
                    }
                }
            }
        }
    }
}
