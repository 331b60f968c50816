import StrandCore
import StrandMail
import StrandStore
import Vapor

/// The mail server Strand sends through, a test message, and the record of every message.
enum AdminMail {
    static func register(_ admin: any RoutesBuilder) {
        admin.get("mail", use: self.show)
        admin.post("mail", use: self.save)
        admin.post("mail", "test", use: self.test)
    }

    static func show(_ request: Request) async throws -> Response {
        try await self.page(request, settings: try await MailSender.settings(request.strand.database), errors: [:], message: nil)
    }

    static func page(_ request: Request, settings: SmtpSettings, errors: [String: FieldError], message: String?,
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        let before = (try? request.query.get(String.self, at: "before")).flatMap(Int64.init)
        let log = try await request.strand.database.read { try await MailOutbox.recent(before: before, limit: 51, db: $0) }
        let context = PageContext(request)
        let s = context.strings
        func input(_ key: String, _ value: String, type: String = "text") -> Node {
            LabelledField.render(context, id: "mail-\(key)", label: s("mail.\(key)"), error: errors[key],
                                 el("input", .type(type), .id("mail-\(key)"), .name(key), .value(value)))
        }
        return Layout.render(context, title: s("mail.title"), status: status) {
            el("h1") { s("mail.title") }
            if let message { el("p", .class("alert success"), Attribute("role", "status")) { message } }
            el("section", .class("card")) {
                el("form", Attribute("method", "post"), .action("/admin/mail"), Attribute(flag: "novalidate", true), .id("mail-settings")) {
                    context.csrfField
                    el("div", .class("form-grid")) {
                        input("host", settings.host)
                        input("port", String(settings.port), type: "number")
                        LabelledField.render(context, id: "mail-security", label: s("mail.security"), error: errors["security"],
                            FieldDefinition.select([.id("mail-security"), .name("security")],
                                options: SmtpSettings.Security.allCases.map { .init(value: $0.rawValue, label: s("mail.security.\($0.rawValue)")) },
                                selected: settings.security.rawValue, blank: false))
                        input("username", settings.username)
                        LabelledField.render(context, id: "mail-password", label: s("mail.password"), error: nil,
                            el("input", .type("password"), .id("mail-password"), .name("password"), Attribute("autocomplete", "new-password"),
                               Attribute("placeholder", settings.password.isEmpty ? "" : s("mail.password_kept"))))
                        input("from_address", settings.fromAddress, type: "email")
                        input("from_name", settings.fromName)
                        input("site_url", settings.siteURL, type: "url")
                    }
                    el("label", .class("check")) {
                        el("input", .type("checkbox"), .name("verify_certificate"), .value("1"), Attribute(flag: "checked", settings.verifyCertificate))
                        " " + s("mail.verify_certificate")
                    }
                    el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
                }
            }
            el("section", .class("card")) {
                el("h2") { s("mail.test") }
                el("form", .class("inline"), Attribute("method", "post"), .action("/admin/mail/test")) {
                    context.csrfField
                    el("input", .type("email"), .name("to"), .aria(label: s("mail.test_to")), Attribute("placeholder", s("mail.test_to")),
                       .value(context.identity?.user.email ?? ""))
                    el("button", .type("submit")) { s("mail.send_test") }
                }
            }
            self.log(context, Array(log.prefix(50)), older: log.count > 50 ? log[49].id : nil)
        }
    }

    static func log(_ context: PageContext, _ messages: [MailOutbox.Message], older: Int64?) -> Node {
        let s = context.strings
        return el("section", .class("card"), .id("mail-log")) {
            el("h2") { s("mail.log") }
            if messages.isEmpty { el("p", .class("muted")) { s("list.empty") } }
            el("div", .class("table-wrap")) {
                el("table") {
                    el("thead") { el("tr") { for key in ["created", "to", "subject", "state", "attempts", "error"] { el("th") { s("mail.log.\(key)") } } } }
                    el("tbody") {
                        for message in messages {
                            el("tr") {
                                el("td") { context.time(message.createdAt) }
                                el("td") { message.to }
                                el("td") { message.subject }
                                el("td") { s("mail.state.\(message.state)") + (message.sentAt.map { " " + context.time($0) } ?? "") }
                                el("td") { String(message.attempts) }
                                el("td") { message.lastError }
                            }
                        }
                    }
                }
            }
            if let older { el("p") { el("a", .href("/admin/mail?before=\(older)"), .class("button")) { s("notifications.older") } } }
        }
    }

    /// The settings a form asks for, or the errors beside its fields; a blank password keeps the one saved.
    static func settings(_ form: SubmittedForm, current: SmtpSettings) -> (SmtpSettings, [String: FieldError]) {
        var settings = current, errors: [String: FieldError] = [:]
        settings.host = (form["host"] ?? "").trimmed
        settings.username = (form["username"] ?? "").trimmed
        if let password = form["password"], !password.isEmpty { settings.password = password }
        if settings.username.isEmpty { settings.password = "" }
        settings.fromAddress = (form["from_address"] ?? "").trimmed
        settings.fromName = String((form["from_name"] ?? "").trimmed.prefix(100))
        settings.siteURL = (form["site_url"] ?? "").trimmed
        settings.verifyCertificate = form["verify_certificate"] == "1"
        if let port = Int(form["port"] ?? ""), (1...65535).contains(port) { settings.port = port } else { errors["port"] = FieldError("not_a_number") }
        if let security = form["security"].flatMap(SmtpSettings.Security.init) { settings.security = security } else { errors["security"] = FieldError("not_an_option") }
        if settings.host.contains(where: { $0.isWhitespace || $0 == "/" }) { errors["host"] = FieldError("invalid") }
        if !settings.fromAddress.isEmpty, !MailMessage.isValidAddress(settings.fromAddress) { errors["from_address"] = FieldError("invalid_email") }
        if !settings.host.isEmpty, settings.fromAddress.isEmpty { errors["from_address"] = FieldError("required") }
        if !settings.siteURL.isEmpty, !(settings.siteURL.hasPrefix("http://") || settings.siteURL.hasPrefix("https://")) { errors["site_url"] = FieldError("invalid_url") }
        return (settings, errors)
    }

    static func save(_ request: Request) async throws -> Response {
        let current = try await MailSender.settings(request.strand.database)
        let (settings, errors) = self.settings(try FormInput.values(request), current: current)
        guard errors.isEmpty else { return try await self.page(request, settings: settings, errors: errors, message: nil, status: .unprocessableEntity) }
        let text = String(decoding: try JSONEncoder.sorted.encode(settings), as: UTF8.self)
        let context = try request.writeContext()
        // The audit log keeps what changed, never the password.
        var shown = settings, shownBefore = current
        (shown.password, shownBefore.password) = (settings.password.isEmpty ? "" : "***", current.password.isEmpty ? "" : "***")
        let (after, before) = (String(decoding: try JSONEncoder.sorted.encode(shown), as: UTF8.self),
                               String(decoding: try JSONEncoder.sorted.encode(shownBefore), as: UTF8.self))
        try await request.strand.database.write { db in
            try await Settings.set(MailSender.settingsKey, text, db: db)
            try await AuditLog.append(AuditEntry(at: Clock.millis(), userId: context.actor.userId, ip: context.ip, action: .update,
                                                 entity: "settings", recordId: nil, changes: ["mail": AuditChange(from: before, to: after)]), db: db)
        }
        return try await self.page(request, settings: settings, errors: [:], message: request.strings("form.saved"))
    }

    /// Queues a test message, sent like any other within seconds; the log shows how it went.
    static func test(_ request: Request) async throws -> Response {
        let to = (try FormInput.values(request)["to"] ?? "").trimmed
        let settings = try await MailSender.settings(request.strand.database)
        guard MailMessage.isValidAddress(to) else {
            return try await self.page(request, settings: settings, errors: [:], message: nil, status: .unprocessableEntity)
        }
        let s = request.strings
        try await MailOutbox.queue(to: to, subject: s("mail.test_subject"), body: s("mail.test_body"), now: Clock.millis(), database: request.strand.database)
        return try await self.page(request, settings: settings, errors: [:], message: s("mail.test_queued", ["to": to]))
    }
}
