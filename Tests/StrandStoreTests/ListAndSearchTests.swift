import Foundation
import StrandCore
import StrandStore
import StrandTesting
import Testing

@Suite struct ListAndSearchTests {
    @Test(arguments: TestBackend.available)
    func pagesByKeyBothWays(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        for index in 1...7 { try await company.customer(String(format: "客户%02d", index), by: company.repOne) }
        let entity = company.entity("customer")
        let scope = company.repOne.filter(.view, on: "customer")
        var query = ListQuery()
        query.sort = ListQuery.Sort(column: "name", descending: false)
        query.limit = 3
        let first = try await company.database.list(entity, query: query, scope: scope)
        #expect(first.records.map { $0.title(entity) } == ["客户01", "客户02", "客户03"])
        #expect(first.previous == nil)
        query.cursor = first.next
        let second = try await company.database.list(entity, query: query, scope: scope)
        #expect(second.records.map { $0.title(entity) } == ["客户04", "客户05", "客户06"])
        query.cursor = second.next
        let third = try await company.database.list(entity, query: query, scope: scope)
        #expect(third.records.map { $0.title(entity) } == ["客户07"])
        #expect(third.next == nil)
        query.cursor = third.previous
        let back = try await company.database.list(entity, query: query, scope: scope)
        #expect(back.records.map { $0.title(entity) } == ["客户04", "客户05", "客户06"])
    }

    /// A manager's newest-first list reads each part of the scope on its own and merges them:
    /// pages still follow one order, forward and back, with nothing twice or missing.
    @Test(arguments: TestBackend.available)
    func aManagersScopePagesInOneOrder(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let entity = company.entity("customer")
        var expected: [String] = []
        for (index, owner) in [company.repOne, company.managerOne, company.repOneB, company.repTwo, company.repOne,
                               company.managerOne, company.repTwo].enumerated() {
            let record = try await company.customer("客户\(index)", by: owner)
            if owner.departmentId == company.salesOne.id { expected.append(record.title(entity)) }
            if index == 6 {
                try await company.records.share(entity, ids: [record.id], with: [company.managerOne.userId], access: .read,
                                                context: company.context(company.repTwo))
                expected.append(record.title(entity))
            }
        }
        expected.reverse()
        let scope = company.managerOne.filter(.view, on: "customer")
        var query = ListQuery()
        query.limit = 2
        var seen: [String] = []
        var pages: [Page] = []
        repeat {
            let page = try await company.database.list(entity, query: query, scope: scope)
            pages.append(page)
            seen += page.records.map { $0.title(entity) }
            query.cursor = page.next
        } while query.cursor != nil
        #expect(seen == expected)
        query.cursor = pages.last?.previous
        let back = try await company.database.list(entity, query: query, scope: scope)
        #expect(back.records.map { $0.title(entity) } == pages[pages.count - 2].records.map { $0.title(entity) })
    }

    @Test(arguments: TestBackend.available)
    func scopesDecideWhatAListShows(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        try await company.customer("一部甲", by: company.repOne)
        try await company.customer("一部乙", by: company.repOneB)
        try await company.customer("二部丙", by: company.repTwo)
        let entity = company.entity("customer")
        func names(_ actor: Actor) async throws -> Set<String> {
            let page = try await company.database.list(entity, query: ListQuery(), scope: actor.filter(.view, on: "customer"))
            return Set(page.records.map { $0.title(entity) })
        }
        #expect(try await names(company.repOne) == ["一部甲"])
        #expect(try await names(company.managerOne) == ["一部甲", "一部乙"])
        #expect(try await names(company.generalManager) == ["一部甲", "一部乙", "二部丙"])
    }

    @Test(arguments: TestBackend.available)
    func filtersBySystemAndFieldColumns(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        try await company.customer("甲", by: company.repOne, extra: ["grade": .string("A"), "tags": .list(["重点", "华东"])])
        try await company.customer("乙", by: company.repOne, extra: ["grade": .string("B"), "tags": .list(["华东"])])
        let entity = company.entity("customer")
        var query = ListQuery()
        query.filters = [ListQuery.Filter(column: "grade", operation: .equals([.text("A")]))]
        let scope = ScopeFilter(.everything)
        let graded = try await company.database.list(entity, query: query, scope: scope)
        #expect(graded.records.map { $0.title(entity) } == ["甲"])
        query.filters = [ListQuery.Filter(column: "tags", operation: .equals([.text("华东")]))]
        let tagged = try await company.database.list(entity, query: query, scope: scope)
        #expect(tagged.records.count == 2)
        query.filters = [ListQuery.Filter(column: "password", operation: .equals([.text("x")]))]
        await #expect(throws: ListError.self) {
            _ = try await company.database.list(entity, query: query, scope: scope)
        }
    }

    @Test(arguments: TestBackend.available)
    func searchFindsByPartsPinyinPhoneAndEmailWithinScope(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let mine = try await company.customer("北京华为科技有限公司", by: company.repOne, extra: [
            "phone": .string("010-6288 1234"), "email": .string("Sales.Dept@huawei-bj.com"),
        ])
        try await company.customer("张三丰武术学校", by: company.repTwo)
        func hits(_ query: String, as actor: Actor) async throws -> [Int64] {
            try await company.database.search(query, entities: company.catalog.entities, actor: actor, limit: 20).map(\.recordId)
        }
        for query in ["华为", "科技有限", "beijinghuawei", "huawei", "bjhw", "hwkj", "1234", "62881234", "huawei-bj", "sales.dept@huawei"] {
            #expect(try await hits(query, as: company.repOne) == [mine.id], "query \(query)")
        }
        #expect(try await hits("zsf", as: company.repOne).isEmpty)
        #expect(try await hits("zsf", as: company.generalManager).count == 1)
        #expect(try await hits("  ", as: company.generalManager).isEmpty)
    }

    /// Each kind of record has its own entries, however many kinds there are: once a payment's
    /// or a supplier's entry could take the place of a customer's whose id matched.
    @Test(arguments: TestBackend.available)
    func everyKindKeepsItsOwnEntries(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let codes = company.catalog.entities.map { Int64($0.searchCode) }
        #expect(Set(codes).count == codes.count && codes.allSatisfy { (1..<(Int64.max / SearchIndex.entityStride)).contains($0) })
        var named: [(String, Int64)] = []
        for name in ["甲方一号公司", "乙方二号公司", "丙方三号公司"] {
            named.append((name, try await company.customer(name, by: company.repOne).id))
        }
        let supplier = try await company.records.create(company.entity("supplier"), input: ["name": .string("原料供应商")],
                                                        context: company.context(company.generalManager)).record
        named.append(("原料供应商", supplier.id))
        for (name, id) in named {
            #expect(try await company.database.search(name, entities: company.catalog.entities, actor: company.generalManager, limit: 5)
                .map(\.recordId) == [id], "\(name)")
        }
    }
}
