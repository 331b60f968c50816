import Vapor

/// What went wrong, with the reasons per field when there are some, and a way back.
enum ErrorPage {
    static func response(_ problem: StrandErrorMiddleware.Problem, request: Request) -> Response {
        let context = PageContext(request)
        let s = context.strings
        let back = self.back(request)
        return Layout.render(context, title: s(problem.message), status: problem.status) {
            el("section", .class("card")) {
                el("h1") { s(problem.message) }
                if !problem.fields.isEmpty {
                    el("ul", .class("errors")) {
                        for (field, error) in problem.fields.sorted(by: { $0.key < $1.key }) { el("li", .data("data-field", field)) { s.error(error) } }
                    }
                }
                el("p") {
                    if let back { el("a", .href(back), .class("button")) { s("action.back") } }
                    el("a", .href("/"), .class("button")) { s("nav.home") }
                }
            }
        }
    }

    /// The page the refused form was on, when it is one of ours.
    static func back(_ request: Request) -> String? {
        guard let referer = request.headers.first(name: .referer), let url = URL(string: referer),
              url.host == nil || url.host == request.headers.first(name: .host)?.split(separator: ":").first.map(String.init) else { return nil }
        let path = url.path + (url.query.map { "?" + $0 } ?? "")
        return path.hasPrefix("/") && !path.hasPrefix("//") ? path : nil
    }
}
