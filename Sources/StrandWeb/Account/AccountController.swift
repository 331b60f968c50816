import StrandCore
import StrandStore
import Vapor

/// A person's own settings: language, time zone, reminders, password, sessions and API tokens.
enum AccountController {
    static func register(_ account: any RoutesBuilder) {
        account.get { try await self.show($0, message: nil, errors: [:], newToken: nil) }
        account.post("preferences", use: self.preferences)
        account.post("notices", use: NoticePreferencesSection.save)
        account.post("password", use: self.password)
        account.post("sessions", "end-all", use: self.endAll)
        account.post("tokens", use: self.createToken)
        account.post("tokens", ":id", "revoke", use: self.revokeToken)
    }

    static let timeZones = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Europe/London",
                            "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC"]

    static func show(_ request: Request, message: String?, errors: [String: FieldError], newToken: String?, newFeed: String? = nil,
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        let identity = try request.requireIdentity()
        let lifetimes = request.strand.config.sessionLifetimes
        let (sessions, tokens, notices, feed) = try await request.strand.database.read { db in
            (try await SessionStore.live(userId: identity.user.id, lifetimes: lifetimes, db: db),
             try await ApiTokenStore.personal(userId: identity.user.id, db: db),
             try await NoticePreferences.of([identity.user.id], db: db)[identity.user.id]?.0 ?? NoticePreferences(),
             try await CalendarFeeds.created(userId: identity.user.id, db: db))
        }
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("nav.account"), status: status) {
            el("h1") { s("nav.account") }
            if let message { el("p", .class("alert success"), Attribute("role", "status")) { message } }
            el("section", .class("card")) {
                el("form", Attribute("method", "post"), .action("/account/preferences"), .id("preferences")) {
                    context.csrfField
                    el("div", .class("form-grid")) {
                        ListFilters.field("language", s("account.language"), FieldDefinition.select([.id("filter-language"), .name("language")],
                            options: Language.allCases.map { .init(value: $0.rawValue, label: s("language.\($0.rawValue)")) },
                            selected: identity.user.language, blank: false))
                        ListFilters.field("time_zone", s("account.time_zone"), FieldDefinition.select([.id("filter-time_zone"), .name("time_zone")],
                            options: (self.timeZones.contains(identity.user.timeZone) ? self.timeZones : [identity.user.timeZone] + self.timeZones).map { .init(value: $0, label: $0) },
                            selected: identity.user.timeZone, blank: false))
                    }
                    el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
                }
            }
            NoticePreferencesSection.render(context, notices, email: identity.user.email)
            CalendarFeedSection.render(context, created: feed, newFeed: newFeed)
            el("section", .class("card")) {
                el("h2") { s("account.password") }
                el("form", Attribute("method", "post"), .action("/account/password")) {
                    context.csrfField
                    el("div", .class("field" + (errors["password"] == nil ? "" : " invalid"))) {
                        el("label", Attribute("for", "new-password")) { s("account.new_password") }
                        el("input", .type("password"), .id("new-password"), .name("password"), Attribute("autocomplete", "new-password"))
                        if let error = errors["password"] { el("p", .class("field-error"), Attribute("role", "alert")) { s.error(error) } }
                    }
                    el("div", .class("form-actions")) { el("button", .type("submit")) { s("action.save") } }
                }
            }
            el("section", .class("card")) {
                el("h2") { s("account.sessions") }
                el("ul", .class("results")) {
                    for session in sessions {
                        el("li") {
                            session.ip + " · " + String(session.userAgent.prefix(60)) + " · " + s("account.last_seen") + " " + context.time(session.lastSeenAt)
                            if session.id == identity.session?.id { el("strong") { " · " + s("account.current_session") } }
                        }
                    }
                }
                el("form", Attribute("method", "post"), .action("/account/sessions/end-all"), Attribute("data-confirm", s("action.sign_out_everywhere") + "?")) {
                    context.csrfField
                    el("button", .type("submit"), .class("danger")) { s("action.sign_out_everywhere") }
                }
            }
            el("section", .class("card")) {
                el("h2") { s("account.tokens") }
                if let newToken { el("p", .class("alert success")) { s("account.token_created") + " "; el("code", .id("new-token")) { newToken } } }
                el("ul", .class("results")) {
                    for token in tokens {
                        el("li") {
                            token.name + " · " + token.prefix + "… · " + context.time(token.createdAt)
                            el("form", .class("inline"), Attribute("method", "post"), .action("/account/tokens/\(token.id)/revoke")) {
                                context.csrfField
                                el("button", .type("submit"), .class("link")) { s("action.revoke") }
                            }
                        }
                    }
                }
                el("form", .class("inline"), Attribute("method", "post"), .action("/account/tokens")) {
                    context.csrfField
                    el("input", .type("text"), .name("name"), Attribute(flag: "required", true), Attribute("maxlength", "60"),
                       .aria(label: s("account.token_name")), Attribute("placeholder", s("account.token_name")))
                    el("button", .type("submit")) { s("action.create_token") }
                }
            }
        }
    }

    static func preferences(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let form = try FormInput.values(request)
        var input = DirectoryService.UserInput()
        (input.language, input.timeZone) = (form["language"], form["time_zone"])
        _ = try await request.strand.directory.updateUser(identity.user.id, input, expectedVersion: nil, context: try request.writeContext())
        return request.redirect(to: "/account")
    }

    static func password(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let form = try FormInput.values(request)
        var input = DirectoryService.UserInput()
        input.password = form["password"] ?? ""
        do {
            _ = try await request.strand.directory.updateUser(identity.user.id, input, expectedVersion: nil, context: try request.writeContext())
            return try await self.show(request, message: request.strings("form.saved"), errors: [:], newToken: nil)
        } catch RecordError.invalid(let failure) {
            return try await self.show(request, message: nil, errors: failure.fields, newToken: nil, status: .unprocessableEntity)
        }
    }

    static func endAll(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        try await request.strand.database.write { try await SessionStore.endAll(userId: identity.user.id, db: $0) }
        return request.redirect(to: "/sign-in")
    }

    static func createToken(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let name = (try FormInput.values(request)["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 60 else { throw Abort(.badRequest) }
        let token = try await request.strand.database.write { try await ApiTokenStore.create(userId: identity.user.id, name: name, expiresAt: nil, db: $0) }
        return try await self.show(request, message: nil, errors: [:], newToken: token)
    }

    static func revokeToken(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let id = try ApiRecordsController.id(request)
        guard try await request.strand.database.write({ try await ApiTokenStore.revoke(id: id, userId: identity.user.id, db: $0) }) else {
            throw RecordError.notFound
        }
        return request.redirect(to: "/account")
    }
}
