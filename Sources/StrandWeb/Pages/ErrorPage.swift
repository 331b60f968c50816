import Vapor

enum ErrorPage {
    static func response(_ problem: StrandErrorMiddleware.Problem, request: Request) -> Response {
        let context = PageContext(request)
        let s = context.strings
        let key = problem.code == "not_found" ? "error.not_found_page" : "error.\(problem.code)"
        return Layout.render(context, title: s(key), status: problem.status) {
            el("section", .class("card")) {
                el("h1") { s(key) }
                el("p") { el("a", .href("/")) { s("nav.home") } }
            }
        }
    }
}
