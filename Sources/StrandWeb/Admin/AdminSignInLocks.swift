import StrandCore
import StrandStore
import Vapor

/// Who cannot sign in now and why: accounts locked after wrong passwords and addresses made
/// to wait after guessing names, each of which an administrator can let in again.
enum AdminSignInLocks {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("sign-in-locks", use: self.show)
        routes.post("sign-in-locks", use: self.clear)
    }

    static func show(_ request: Request) async throws -> Response {
        let locks = try await request.strand.directory.signInLocks(context: try request.writeContext())
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("locks.title")) {
            el("section", .class("card")) {
                el("h1") { s("locks.title") }
                el("p", .class("muted")) { s("locks.explained") }
                if locks.isEmpty {
                    el("p", .class("empty")) { s("locks.none") }
                } else {
                    el("ul", .class("lock-list")) {
                        for lock in locks { self.row(context, lock) }
                    }
                }
            }
        }
    }

    static func row(_ context: PageContext, _ lock: SignInLock) -> Node {
        let s = context.strings
        return el("li") {
            el("strong") { lock.label }
            el("span", .class("muted")) {
                " · " + s("locks.kind.\(lock.kind.rawValue)") + " · " + s("locks.failures", ["count": String(lock.failures)])
                    + " · " + s("locks.until", ["time": context.time(lock.until)])
            }
            el("form", Attribute("method", "post"), .action("/admin/sign-in-locks"), .class("inline"),
               Attribute("data-confirm", s("locks.clear_confirm", ["name": lock.label]))) {
                context.csrfField
                el("input", .type("hidden"), .name("kind"), .value(lock.kind.rawValue))
                el("input", .type("hidden"), .name("key"), .value(lock.key))
                el("button", .type("submit")) { s("locks.clear") }
            }
        }
    }

    static func clear(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        guard let kind = form["kind"].flatMap(SignInLock.Kind.init), let key = form["key"], !key.isEmpty else {
            throw Abort(.badRequest)
        }
        try await request.strand.directory.clearSignInLock(kind, key: key, context: try request.writeContext())
        return Flash.redirect(request, to: "/admin/sign-in-locks", saying: "locks.cleared")
    }
}
