import StrandCore
import StrandStore
import Vapor

/// A customer waiting in a pool, read before claiming: who it is, who had it and why it came
/// back, and one button to claim it.
enum PoolCustomerPage {
    static func render(_ context: PageContext, pool: Pool, _ model: DetailPage.Model) -> Response {
        let s = context.strings
        let title = model.record.title(model.entity)
        let poolPath = "/pools/\(pool.id)"
        return Layout.render(context, title: title) {
            el("div", .class("toolbar")) {
                el("h1") { title }
                el("form", Attribute("method", "post"), .action(poolPath + "/claim"), .id("claim-this")) {
                    context.csrfField
                    el("input", .type("hidden"), .name("ids"), .value(String(model.record.id)))
                    el("input", .type("hidden"), .name("return_to"), .value("/\(model.entity.resource)/\(model.record.id)"))
                    el("button", .type("submit"), .class("button primary")) { s("pool.claim_this") }
                }
            }
            el("p", .class("muted")) { el("a", .href(poolPath)) { s("pool.waiting_in", ["name": pool.name]) } }
            el("section", .class("card")) { DetailPage.fields(context, model) }
            if !model.poolEvents.isEmpty { PoolEventsSection.render(context, events: model.poolEvents, people: model.people) }
        }
    }
}
