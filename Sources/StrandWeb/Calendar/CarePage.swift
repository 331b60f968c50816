import StrandCore
import StrandStore
import Vapor

/// Birthdays and anniversaries coming round, and the festival greeting lists.
enum CarePage {
    static func render(_ context: PageContext, _ model: CareController.Model) -> Response {
        let s = context.strings
        return Layout.render(context, title: s("care.title")) {
            el("h1") { s("care.title") }
            el("section", .class("card"), .id("care-upcoming")) {
                el("h2") { s("care.upcoming", ["days": String(CareController.days)]) }
                if model.upcoming.isEmpty { el("p", .class("muted")) { s("list.empty") } }
                el("ul", .class("results")) {
                    for item in model.upcoming {
                        el("li") {
                            el("strong") { item.day.description + " " }
                            el("a", .href("/contacts/\(item.contact.id)")) { item.contact["name"].textValue ?? "" }
                            " · " + (item.contact["customer_id"].integerValue.flatMap { model.lookups.title("customer", $0) } ?? "") + " · "
                            s("care.kind.\(item.kind)") + (item.kind == "birthday" && item.contact["birthday_lunar"] == .bool(true) ? s("care.lunar") : "")
                        }
                    }
                }
            }
            for (festival, day) in model.festivals {
                el("section", .class("card"), .id("care-\(festival.rawValue)")) {
                    el("h2") { s("care.festival.\(festival.rawValue)") + " · " + day.description }
                    el("p", .class("muted")) { s("care.greeting_list", ["n": String(model.greetings.count)]) }
                    el("div", .class("table-wrap")) {
                        el("table") {
                            el("thead") { el("tr") { for key in ["name", "customer_id", "mobile", "wechat"] { el("th") { s.field("contact", key) } } } }
                            el("tbody") {
                                for contact in model.greetings {
                                    el("tr") {
                                        el("td") { el("a", .href("/contacts/\(contact.id)")) { contact["name"].textValue ?? "" } }
                                        el("td") { contact["customer_id"].integerValue.flatMap { model.lookups.title("customer", $0) } ?? "" }
                                        el("td") { contact["mobile"].textValue ?? "" }
                                        el("td") { contact["wechat"].textValue ?? "" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
