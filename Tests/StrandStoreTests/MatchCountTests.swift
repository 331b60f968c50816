import Foundation
@testable import StrandStore
import StrandCore
import StrandTesting
import Testing

/// A list says how many records match: counted while they are few, estimated (and said to be)
/// past that, within the reader's scope and the list's filters and search.
@Suite struct MatchCountTests {
    @Test(arguments: TestBackend.available)
    func aListCountsItsMatchesWithinTheScope(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        for index in 1...5 { try await company.customer("计数客户\(index)", by: company.repOne, extra: ["grade": .string(index <= 2 ? "A" : "C")]) }
        for index in 1...3 { try await company.customer("别人的客户\(index)", by: company.repTwo) }
        let entity = company.entity("customer")
        let scope = company.repOne.filter(.view, on: "customer")
        var query = ListQuery()
        query.counting = true
        query.limit = 2
        let page = try await company.database.list(entity, query: query, scope: scope)
        #expect(page.matches == MatchCount(count: 5, exact: true))
        query.filters = [.init(column: "grade", operation: .equals([.text("A")]))]
        #expect(try await company.database.list(entity, query: query, scope: scope).matches == MatchCount(count: 2, exact: true))
        query.filters = []
        query.search = "计数"
        #expect(try await company.database.list(entity, query: query, scope: scope).matches == MatchCount(count: 5, exact: true))
        query.search = nil
        query.counting = false
        #expect(try await company.database.list(entity, query: query, scope: scope).matches == nil)
    }

    @Test(arguments: TestBackend.available)
    func pastTheCountedFewAListEstimatesAndSaysSo(_ backend: TestBackend) async throws {
        let company = try await Company.make(backend)
        for index in 1...12 { try await company.customer("估计客户\(index)", by: company.repOne) }
        let entity = company.entity("customer")
        let matches = try await company.database.read { db in
            try await MatchCount.of(entity, query: ListQuery(), scope: company.repOne.filter(.view, on: "customer"), searchPlan: .amongMatches,
                                    estimatedMatches: nil, countedWithin: 4, dialect: company.database.dialect, db: db)
        }
        #expect(!matches.exact)
        // Every sampled id is one of the rep's, so the estimate is the span of their ids.
        #expect(matches.count == 12)
        #expect(MatchCount.rounded(45_123) == 45_000 && MatchCount.rounded(987) == 990 && MatchCount.rounded(42) == 42)
    }
}
