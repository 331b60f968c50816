/// The rules of one public pool (公海): how many customers a person may hold and claim, and when
/// a neglected customer goes back. Days are whole days of 24 hours from the last activity.
public struct PoolRules: Sendable, Codable, Equatable {
    /// The most customers one person may own; nil for no limit.
    public var maxOwned: Int?
    /// Whether won customers count towards `maxOwned`.
    public var wonCountTowardsMax = false
    /// The most customers one person may claim in a day; nil for no limit.
    public var dailyClaims: Int?
    /// Days before a former owner may claim the same customer again.
    public var cooldownDays = 0
    /// Per customer grade (`""` for customers without one): days without a follow-up after which
    /// the customer goes back to the pool. A grade not listed never goes back for this reason.
    public var daysWithoutFollowUp: [String: Int] = [:]
    /// Per grade: days without a won deal after which the customer goes back.
    public var daysWithoutDeal: [String: Int] = [:]
    /// Won customers (status won, or a won deal) never go back automatically.
    public var exemptWon = true
    /// Customers with an open opportunity never go back automatically.
    public var exemptOpenOpportunity = true
    /// Days before the return when the owner is reminded; nil for no reminder.
    public var reminderDays: Int?

    public init() {}

    public static let dayMillis: Int64 = 86_400_000

    /// When a customer of `grade` goes back, given when its owner got it and its last follow-up
    /// and won deal; nil when no rule returns it.
    public func returnDue(grade: String, ownedSince: Int64, lastFollowUp: Int64?, lastWon: Int64?) -> Int64? {
        let dues = [
            self.daysWithoutFollowUp[grade].map { max(ownedSince, lastFollowUp ?? ownedSince) + Int64($0) * Self.dayMillis },
            self.daysWithoutDeal[grade].map { max(ownedSince, lastWon ?? ownedSince) + Int64($0) * Self.dayMillis },
        ]
        return dues.compactMap { $0 }.min()
    }

    /// Why a person may not claim `requested` more customers, or nil when they may.
    public func claimRefusal(owned: Int, claimedToday: Int, requested: Int) -> String? {
        if let maxOwned, owned + requested > maxOwned { return "pool.over_max_owned" }
        if let dailyClaims, claimedToday + requested > dailyClaims { return "pool.over_daily_claims" }
        return nil
    }

    /// Whether a former owner whose ownership ended at `endedAt` is still waiting at `now`.
    public func coolingDown(endedAt: Int64, now: Int64) -> Bool {
        now < endedAt + Int64(self.cooldownDays) * Self.dayMillis
    }
}
