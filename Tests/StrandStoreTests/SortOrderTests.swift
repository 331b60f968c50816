import Foundation
import StrandCore
import StrandStore
import StrandTesting
import Testing

/// Lists sort names as a Chinese reader looks them up, and page through a sort whose values
/// may be empty without losing or repeating a record, on both databases.
@Suite struct SortOrderTests {
    static func allPages(_ company: Company, _ entity: EntityDefinition, _ query: ListQuery, scope: ScopeFilter) async throws -> [Page] {
        var query = query
        var pages: [Page] = []
        repeat {
            let page = try await company.database.list(entity, query: query, scope: scope)
            pages.append(page)
            query.cursor = page.next
        } while query.cursor != nil && pages.count < 20
        return pages
    }

    /// Pages forward and then back from the last page, as a reader's links do.
    static func titles(_ company: Company, sort: ListQuery.Sort, actor: Actor) async throws -> (forward: [String], back: [String]) {
        let entity = company.entity("customer")
        let scope = actor.filter(.view, on: "customer")
        var query = ListQuery()
        query.sort = sort
        query.limit = 2
        let pages = try await Self.allPages(company, entity, query, scope: scope)
        var back: [String] = pages.last!.records.map { $0.title(entity) }
        query.cursor = pages.last?.previous
        while query.cursor != nil {
            let page = try await company.database.list(entity, query: query, scope: scope)
            back = page.records.map { $0.title(entity) } + back
            query.cursor = page.previous
        }
        return (pages.flatMap { $0.records.map { $0.title(entity) } }, back)
    }

    @Test(arguments: TestBackend.available)
    func namesSortInPinyinOrder(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        for name in ["张三科技", "先锋电子", "Zeta 贸易", "阿里物流", "西安重工", "北京信息"] {
            try await company.customer(name, by: company.repOne)
        }
        let expected = ["阿里物流", "北京信息", "西安重工", "先锋电子", "Zeta 贸易", "张三科技"]
        let ascending = try await Self.titles(company, sort: .init(column: "name", descending: false), actor: company.repOne)
        #expect(ascending.forward == expected)
        #expect(ascending.back == expected)
        let descending = try await Self.titles(company, sort: .init(column: "name", descending: true), actor: company.repOne)
        #expect(descending.forward == expected.reversed())
        #expect(descending.back == expected.reversed())
    }

    /// Customers never followed up come first when the oldest follow-up comes first, and last
    /// when the newest does; a page boundary between the two kinds loses nothing.
    @Test(arguments: TestBackend.available)
    func customersNeverFollowedUpSortApart(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let base = Clock.millis() - 86_400_000
        var followed: [String] = []
        for (index, name) in ["甲", "乙", "丙"].enumerated() {
            let customer = try await company.customer("跟进过的" + name, by: company.repOne)
            try await company.records.create(company.entity("follow_up"), input: [
                "customer_id": .string(String(customer.id)), "happened_at": .string(DateTimeText.iso(base + Int64(index) * 3_600_000)),
                "method": .string("call"), "content": .string("电话沟通"),
            ], context: company.context(company.repOne))
            followed.append(customer.title(company.entity("customer")))
        }
        let never = ["没跟进的甲", "没跟进的乙"]
        for name in never { try await company.customer(name, by: company.repOne) }
        let ascending = try await Self.titles(company, sort: .init(column: "last_follow_up_at", descending: false), actor: company.repOne)
        #expect(ascending.forward == never + followed)
        #expect(ascending.back == ascending.forward)
        let descending = try await Self.titles(company, sort: .init(column: "last_follow_up_at", descending: true), actor: company.repOne)
        #expect(descending.forward == followed.reversed() + never.reversed())
        #expect(descending.back == descending.forward)
    }

    /// A database made before names had pinyin keys gets them when Strand starts.
    @Test(arguments: TestBackend.available)
    func keysAreFilledInForNamesStoredBefore(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        for name in ["张三科技", "阿里物流", "北京信息"] { try await company.customer(name, by: company.repOne) }
        try await company.database.write { try await $0.raw("UPDATE customers SET name__pinyin = ''").run() }
        try await SchemaApplier.migrate(company.database, catalog: company.catalog)
        let ascending = try await Self.titles(company, sort: .init(column: "name", descending: false), actor: company.repOne)
        #expect(ascending.forward == ["阿里物流", "北京信息", "张三科技"])
    }
}

extension SortOrderTests {
    /// By owner: each person's customers together, the people in the pinyin order of their
    /// names, then those waiting in a pool; paging crosses from one person to the next.
    @Test(arguments: TestBackend.available)
    func customersSortByTheirOwnersName(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let entity = company.entity("customer")
        let people = [company.repOne, company.managerOne, company.repOneB]
        for person in people {
            for index in 1...2 { try await company.customer("\(person.userId)-\(index)", by: person) }
        }
        let names = try await company.database.read { db in
            try await db.raw("SELECT id, name FROM users").all().map {
                (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "name", as: String.self))
            }
        }
        let byName = people.map(\.userId).sorted { a, b in
            let key = { (id: Int64) in Pinyin.sortKey(names.first { $0.0 == id }!.1) }
            return (key(a), a) < (key(b), b)
        }
        let scope = company.managerOne.filter(.view, on: "customer")
        var query = ListQuery()
        query.sort = .init(column: "owner_id", descending: false)
        query.limit = 3
        let pages = try await Self.allPages(company, entity, query, scope: scope)
        let owners = pages.flatMap { $0.records.compactMap(\.ownerId) }
        let visible = byName.filter { id in owners.contains(id) }
        #expect(owners == visible.flatMap { [$0, $0] })
        #expect(visible.count == 3)
        query.sort = .init(column: "owner_id", descending: true)
        let backwards = try await Self.allPages(company, entity, query, scope: scope).flatMap { $0.records.compactMap(\.ownerId) }
        #expect(backwards == owners.reversed())
    }
}
