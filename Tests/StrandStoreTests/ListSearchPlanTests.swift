import StrandCore
@testable import StrandStore
import StrandTesting
import Testing

/// A list narrowed by a search word is read by one of three plans, chosen by how common the
/// word is (`ListSearch`); whichever is taken, the pages are the same.
@Suite struct ListSearchPlanTests {
    static let plans: [ListSearch.Plan] = [.amongMatches, .walkingTheList(asSet: true), .walkingTheList(asSet: false)]

    @Test(arguments: TestBackend.available)
    func everyPlanGivesTheSamePages(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        let names = ["深圳信息技术有限公司", "北京 信息 技术中心", "信息科技术馆", "广州华信物流有限公司", "上海信息技术研究所", "杭州技术信息公司"]
        for (index, name) in names.enumerated() {
            try await company.customer(name, by: index % 2 == 0 ? company.repOne : company.repOneB,
                                       extra: ["phone": .string("0755-8888 12\(index)4"), "status": .string(index % 3 == 0 ? "won" : "potential")])
        }
        let entity = company.entity("customer")
        for search in ["信息技术", "xxjs", "信息 xx", "1234", "信", "技术 有限"] {
            for actor in [company.managerOne, company.repOne] {
                for filtered in [false, true] {
                    var query = ListQuery()
                    query.search = search
                    query.limit = 2
                    if filtered { query.filters = [ListQuery.Filter(column: "status", operation: .equals([.text("potential")]))] }
                    var answers: [[Int64]] = []
                    for plan in Self.plans {
                        answers.append(try await self.allPages(company, entity, query, scope: actor.filter(.view, on: "customer"), plan: plan))
                    }
                    #expect(Set(answers).count == 1, "\(search) filtered \(filtered): \(answers)")
                }
            }
        }
        // The Han words' patterns keep what the index finds, across a name's parts too.
        var query = ListQuery()
        query.search = "信息技术"
        let all = try await self.allPages(company, entity, query, scope: ScopeFilter(.everything), plan: .walkingTheList(asSet: false))
        #expect(all.count == 3)
    }

    func allPages(_ company: Company, _ entity: EntityDefinition, _ query: ListQuery, scope: ScopeFilter,
                  plan: ListSearch.Plan) async throws -> [Int64] {
        var query = query
        var ids: [Int64] = []
        repeat {
            let page = try await company.database.read { [query] db in
                try await RecordStore.list(entity, query: query, scope: scope, dialect: company.database.dialect, db: db, searchPlan: plan)
            }
            ids += page.records.map(\.id)
            query.cursor = page.next
        } while query.cursor != nil
        return ids
    }
}
