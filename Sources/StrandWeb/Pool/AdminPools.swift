import StrandCore
import StrandStore
import Vapor

/// Public pools for administrators: each pool's members, administrators and rules in one form,
/// and a form for a new pool.
enum AdminPools {
    static let grades = ["A", "B", "C", "D", ""]

    static func show(_ request: Request) async throws -> Response {
        let (pools, users, departments) = try await request.strand.database.read { db in
            (try await Pools.all(db: db), try await Directory.users(db: db), try await Directory.departments(db: db))
        }
        let context = PageContext(request)
        let s = context.strings
        let blank = Pool(id: 0, name: "", rules: PoolRules(), isDefault: pools.isEmpty, members: [])
        return Layout.render(context, title: s("admin.pools")) {
            el("h1") { s("admin.pools") }
            for pool in pools + [blank] {
                el("section", .class("card"), .id("pool-\(pool.id)")) {
                    el("h2") { pool.id == 0 ? s("admin.pool_new") : pool.name }
                    self.form(context, pool, users: users.filter(\.active), departments: departments)
                }
            }
        }
    }

    static func save(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        let id = request.parameters.get("id").flatMap { Int64($0) } ?? 0
        var rules = PoolRules()
        let number = { (key: String) in form[key].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        (rules.maxOwned, rules.dailyClaims, rules.reminderDays) = (number("max_owned"), number("daily_claims"), number("reminder_days"))
        rules.cooldownDays = number("cooldown_days") ?? 0
        (rules.wonCountTowardsMax, rules.exemptWon, rules.exemptOpenOpportunity) = (form["won_count"] == "1", form["exempt_won"] == "1", form["exempt_open"] == "1")
        for grade in self.grades {
            rules.daysWithoutFollowUp[grade] = number("follow_up_\(grade)")
            rules.daysWithoutDeal[grade] = number("deal_\(grade)")
        }
        let admins = Set(form.ids("admins"))
        let members = form.ids("departments").map { Pool.Member(.department, $0) }
            + Set(form.ids("users") + admins).map { Pool.Member(.user, $0, isAdmin: admins.contains($0)) }
        let pool = Pool(id: id, name: form["name"] ?? "", rules: rules, isDefault: form["is_default"] == "1", members: members,
                        version: form["version"].flatMap { Int64($0) } ?? 1)
        _ = try await Pools.save(pool, context: try request.writeContext(), database: request.strand.database)
        return request.redirect(to: "/admin/pools")
    }

    static func form(_ context: PageContext, _ pool: Pool, users: [User], departments: [Department]) -> Node {
        let s = context.strings
        let prefix = "p\(pool.id)-"
        let members = Set(pool.members.map { "\($0.kind.rawValue)-\($0.id)" })
        let number = { (key: String, label: String, value: Int?) in
            el("div", .class("field")) {
                el("label", Attribute("for", prefix + key)) { label }
                el("input", .type("number"), .id(prefix + key), .name(key), Attribute("min", "0"), .value(value.map(String.init) ?? ""))
            }
        }
        let check = { (key: String, label: String, on: Bool) in
            el("label", .class("checkbox")) { el("input", .type("checkbox"), .name(key), .value("1"), Attribute(flag: "checked", on)); label }
        }
        return el("form", Attribute("method", "post"), .action(pool.id == 0 ? "/admin/pools" : "/admin/pools/\(pool.id)")) {
            context.csrfField
            el("input", .type("hidden"), .name("version"), .value(String(pool.version)))
            el("div", .class("form-grid")) {
                el("div", .class("field")) {
                    el("label", Attribute("for", prefix + "name")) { s("admin.pool_name") }
                    el("input", .type("text"), .id(prefix + "name"), .name("name"), .value(pool.name), Attribute(flag: "required", true), Attribute("maxlength", "50"))
                }
                number("max_owned", s("admin.pool_max_owned"), pool.rules.maxOwned)
                number("daily_claims", s("admin.pool_daily_claims"), pool.rules.dailyClaims)
                number("cooldown_days", s("admin.pool_cooldown"), pool.rules.cooldownDays)
                number("reminder_days", s("admin.pool_reminder_days"), pool.rules.reminderDays)
            }
            el("p", .class("muted")) { s("admin.pool_blank_means_none") }
            for (key, label, days) in [("follow_up_", "admin.pool_follow_up_days", pool.rules.daysWithoutFollowUp), ("deal_", "admin.pool_deal_days", pool.rules.daysWithoutDeal)] {
                el("fieldset") {
                    el("legend") { s(label) }
                    el("div", .class("form-grid")) {
                        for grade in self.grades { number(key + grade, grade.isEmpty ? s("pool.grade_none") : grade, days[grade]) }
                    }
                }
            }
            check("is_default", s("admin.pool_default"), pool.isDefault)
            check("won_count", s("admin.pool_won_count"), pool.rules.wonCountTowardsMax)
            check("exempt_won", s("admin.pool_exempt_won"), pool.rules.exemptWon)
            check("exempt_open", s("admin.pool_exempt_open"), pool.rules.exemptOpenOpportunity)
            self.choices(s("admin.pool_departments"), name: "departments", departments.tree().map { ($0.department.id, String(repeating: "　", count: $0.depth) + $0.department.name, members.contains("department-\($0.department.id)")) })
            self.choices(s("admin.pool_users"), name: "users", users.map { ($0.id, $0.name, members.contains("user-\($0.id)")) })
            self.choices(s("admin.pool_admins"), name: "admins", users.map { ($0.id, $0.name, pool.isAdmin($0.id)) })
            el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
        }
    }

    static func choices(_ legend: String, name: String, _ items: [(Int64, String, Bool)]) -> Node {
        el("fieldset", .class("choices")) {
            el("legend") { legend }
            for (id, label, on) in items {
                el("label", .class("checkbox")) {
                    el("input", .type("checkbox"), .name(name), .value(String(id)), Attribute(flag: "checked", on))
                    label
                }
            }
        }
    }
}
