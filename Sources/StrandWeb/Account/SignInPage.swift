import Vapor

enum SignInPage {
    static func render(_ context: PageContext, username: String = "", next: String = "/", message: String? = nil,
                       status: HTTPResponseStatus = .ok) -> Response {
        let s = context.strings
        return Layout.render(context, title: s("sign_in.title"), status: status) {
            el("section", .class("card narrow")) {
                el("h1") { s("sign_in.title") }
                if let message { el("p", .class("alert error"), Attribute("role", "alert")) { message } }
                el("form", .action("/sign-in"), Attribute("method", "post"), .id("sign-in-form")) {
                    context.csrfField
                    el("input", .type("hidden"), .name("next"), .value(next))
                    el("label", Attribute("for", "username")) { s("sign_in.username") }
                    el("input", .id("username"), .name("username"), .type("text"), .value(username), Attribute("autocomplete", "username"),
                       Attribute(flag: "required", true), Attribute(flag: "autofocus", true))
                    el("label", Attribute("for", "password")) { s("sign_in.password") }
                    el("input", .id("password"), .name("password"), .type("password"), Attribute("autocomplete", "current-password"),
                       Attribute(flag: "required", true))
                    el("button", .type("submit"), .class("primary")) { s("sign_in.submit") }
                }
                el("p", .class("languages")) {
                    for language in Language.allCases {
                        el("a", .href("/sign-in?lang=\(language.rawValue)"), Attribute("lang", language.rawValue)) { s("language.\(language.rawValue)") }
                    }
                }
            }
        }
    }
}
