import StrandCore
import StrandStore
import Vapor

enum HeadToHeadSection {
    /// A competitor's record against us: deals won, lost and still open, and our win rate.
    static func render(_ context: PageContext, _ counts: [String: Int]) -> Node {
        let s = context.strings
        let deals = ClosedDeals(won: counts["won"] ?? 0, lost: counts["lost"] ?? 0)
        let (won, lost, rate) = (deals.won, deals.lost, deals.winRate.map { "\($0)%" } ?? "—")
        return el("section", .class("card"), .id("head-to-head")) {
            el("h2") { s("competitor.head_to_head") }
            el("p") {
                s("competitor.head_to_head_counts", ["won": String(won), "lost": String(lost), "open": String(counts["open"] ?? 0), "rate": rate])
            }
        }
    }
}
