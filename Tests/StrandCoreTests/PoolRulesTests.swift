import Foundation
import StrandCore
import Testing

/// The public pool's (公海) rules: when a neglected customer falls due to go back, how many
/// customers a person may hold and claim, how long a former owner waits, and which pools a
/// person works from.
@Suite struct PoolRulesTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    let day = PoolRules.dayMillis

    func at(_ text: String) -> Int64 {
        Int64(DateTimeText.parse(text, timeZone: self.shanghai)!.timeIntervalSince1970 * 1000)
    }

    /// A sales team's usual setup: A customers may go 30 days without a call, B 15, C and
    /// ungraded ones 7; a customer who buys nothing for 90 days goes back whatever its grade.
    static var teamRules: PoolRules {
        var rules = PoolRules()
        rules.daysWithoutFollowUp = ["A": 30, "B": 15, "C": 7, "": 7]
        rules.daysWithoutDeal = ["A": 90, "B": 90, "C": 90, "": 90]
        (rules.maxOwned, rules.dailyClaims, rules.cooldownDays, rules.reminderDays) = (200, 20, 30, 3)
        return rules
    }

    @Test func aFreshPoolHasNoLimitsAndReturnsNobody() {
        let rules = PoolRules()
        #expect(rules.maxOwned == nil && rules.dailyClaims == nil && rules.reminderDays == nil)
        #expect(rules.cooldownDays == 0 && !rules.wonCountTowardsMax)
        #expect(rules.exemptWon && rules.exemptOpenOpportunity)
        let got = self.at("2026-01-05 09:00")
        #expect(rules.returnDue(grade: "A", ownedSince: got, lastFollowUp: nil, lastWon: nil) == nil)
        #expect(rules.returnDue(grade: "", ownedSince: got, lastFollowUp: got + 400 * self.day, lastWon: nil) == nil)
        #expect(rules.claimRefusal(owned: 10_000, claimedToday: 500, requested: 300) == nil)
        #expect(!rules.coolingDown(endedAt: got, now: got))
    }

    @Test func aCustomerWithoutFollowUpFallsDueExactlyItsGradesDaysAfterGettingIt() {
        var rules = PoolRules()
        rules.daysWithoutFollowUp = ["A": 30, "B": 15, "": 7]
        let got = self.at("2026-03-02 09:30")
        #expect(rules.returnDue(grade: "B", ownedSince: got, lastFollowUp: nil, lastWon: nil) == self.at("2026-03-17 09:30"))
        #expect(rules.returnDue(grade: "A", ownedSince: got, lastFollowUp: nil, lastWon: nil) == got + 30 * self.day)
        // Customers without a grade use the "" entry; a grade not listed never goes back.
        #expect(rules.returnDue(grade: "", ownedSince: got, lastFollowUp: nil, lastWon: nil) == self.at("2026-03-09 09:30"))
        #expect(rules.returnDue(grade: "D", ownedSince: got, lastFollowUp: nil, lastWon: nil) == nil)
    }

    @Test func aFollowUpRestartsTheCountButOneFromBeforeOwnershipDoesNot() {
        var rules = PoolRules()
        rules.daysWithoutFollowUp = ["B": 15]
        let got = self.at("2026-03-02 09:30")
        // 王经理 called the customer on 10 March at 14:00: fifteen whole days from that call.
        #expect(rules.returnDue(grade: "B", ownedSince: got, lastFollowUp: self.at("2026-03-10 14:00"), lastWon: nil)
            == self.at("2026-03-25 14:00"))
        // The previous owner's last call on 20 February does not shorten the new owner's stretch.
        #expect(rules.returnDue(grade: "B", ownedSince: got, lastFollowUp: self.at("2026-02-20 16:00"), lastWon: nil)
            == self.at("2026-03-17 09:30"))
    }

    @Test func theEarlierOfTheFollowUpAndTheDealRuleDecides() {
        let rules = Self.teamRules
        let got = self.at("2026-01-05 09:00")
        let call = self.at("2026-03-20 10:00")
        // Called regularly but never bought: 90 days from 5 January is 5 April, before 30 days from the call.
        #expect(rules.returnDue(grade: "A", ownedSince: got, lastFollowUp: call, lastWon: nil) == self.at("2026-04-05 09:00"))
        // A deal won on 1 March moves the deal rule to 30 May, so the call's 19 April decides.
        #expect(rules.returnDue(grade: "A", ownedSince: got, lastFollowUp: call, lastWon: self.at("2026-03-01 11:00"))
            == self.at("2026-04-19 10:00"))
        // Only the deal rule for a grade: its 90 days alone.
        var dealOnly = PoolRules()
        dealOnly.daysWithoutDeal = ["C": 90]
        #expect(dealOnly.returnDue(grade: "C", ownedSince: got, lastFollowUp: call, lastWon: nil) == got + 90 * self.day)
    }

    @Test func claimsMayFillTheLimitsButNotPassThem() {
        let rules = Self.teamRules
        #expect(rules.claimRefusal(owned: 190, claimedToday: 5, requested: 10) == nil)
        #expect(rules.claimRefusal(owned: 190, claimedToday: 5, requested: 11) == "pool.over_max_owned")
        #expect(rules.claimRefusal(owned: 100, claimedToday: 15, requested: 5) == nil)
        #expect(rules.claimRefusal(owned: 100, claimedToday: 15, requested: 6) == "pool.over_daily_claims")
        #expect(rules.claimRefusal(owned: 200, claimedToday: 0, requested: 1) == "pool.over_max_owned")
        // Over both: the owned limit is named first.
        #expect(rules.claimRefusal(owned: 199, claimedToday: 20, requested: 2) == "pool.over_max_owned")
        // A limit of zero refuses every claim.
        var closed = PoolRules()
        closed.dailyClaims = 0
        #expect(closed.claimRefusal(owned: 0, claimedToday: 0, requested: 1) == "pool.over_daily_claims")
    }

    @Test func aFormerOwnerWaitsTheWholeCooldown() {
        let rules = Self.teamRules
        let ended = self.at("2026-03-01 18:00")
        #expect(rules.coolingDown(endedAt: ended, now: ended))
        #expect(rules.coolingDown(endedAt: ended, now: self.at("2026-03-31 17:59")))
        #expect(!rules.coolingDown(endedAt: ended, now: self.at("2026-03-31 18:00")))
        #expect(!rules.coolingDown(endedAt: ended, now: self.at("2026-04-15 09:00")))
    }

    @Test func rulesKeepEverythingThroughTheirStoredJSON() throws {
        var rules = Self.teamRules
        rules.wonCountTowardsMax = true
        rules.exemptOpenOpportunity = false
        let decoded = try JSONDecoder().decode(PoolRules.self, from: JSONEncoder().encode(rules))
        #expect(decoded == rules)
        let unlimited = try JSONDecoder().decode(PoolRules.self, from: JSONEncoder().encode(PoolRules()))
        #expect(unlimited.maxOwned == nil && unlimited.reminderDays == nil)
    }

    @Test func aPersonWorksFromTheirOwnPoolsThenTheirDepartmentsNearestFirstThenTheDefault() {
        // 销售部 (1) > 华东大区 (10) > 上海组 (11); 华南大区 (20) under 销售部.
        let pools = [
            Pool(id: 1, name: "全国公海", rules: PoolRules(), isDefault: true, members: []),
            Pool(id: 2, name: "销售部公海", rules: PoolRules(), isDefault: false, members: [Pool.Member(.department, 1)]),
            Pool(id: 3, name: "华东公海", rules: PoolRules(), isDefault: false, members: [Pool.Member(.department, 10)]),
            Pool(id: 4, name: "上海大客户", rules: PoolRules(), isDefault: false, members: [Pool.Member(.user, 7, isAdmin: true)]),
        ]
        let shanghaiTeam: [Int64] = [11, 10, 1]
        #expect(pools.pools(forUser: 7, departmentChain: shanghaiTeam).map(\.id) == [4, 3, 2])
        #expect(pools.home(forUser: 7, departmentChain: shanghaiTeam)?.name == "上海大客户")
        #expect(pools.pools(forUser: 8, departmentChain: shanghaiTeam).map(\.id) == [3, 2])
        #expect(pools.pools(forUser: 9, departmentChain: [20, 1]).map(\.id) == [2])
        // Someone in no pool's department works from the default pool alone.
        #expect(pools.pools(forUser: 9, departmentChain: [30]).map(\.id) == [1])
        #expect(pools.home(forUser: 9, departmentChain: []) == pools[0])
        // Without a default pool, such a person has none.
        #expect(Array(pools.dropFirst()).home(forUser: 9, departmentChain: [30]) == nil)
    }

    @Test func onlyPeopleNamedAsAdministratorsAdministerAPool() {
        let pool = Pool(id: 5, name: "华南公海", rules: PoolRules(), isDefault: false,
                        members: [Pool.Member(.user, 3, isAdmin: true), Pool.Member(.user, 4), Pool.Member(.department, 6, isAdmin: true)])
        #expect(pool.isAdmin(3))
        #expect(!pool.isAdmin(4))
        // A department marked admin makes nobody an administrator, not even a user with its id.
        #expect(!pool.isAdmin(6))
    }
}
