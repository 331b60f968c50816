import Testing
@testable import StrandWeb

/// Money reads one way everywhere: in full with ¥ and separators, and in 万 (K in English) where
/// a page sums up.
@Suite struct MoneyTests {
    @Test func fullAndSummary() {
        #expect(Money.full(35_000_000) == "¥350,000.00")
        #expect(Money.full(-12_345) == "¥-123.45")
        #expect(Money.summary(35_000_000, .zhHans) == "¥35.0万")
        #expect(Money.summary(123_456_789_00, .zhHans) == "¥1.2亿")
        #expect(Money.summary(35_000_000, .en) == "¥350.0K")
        #expect(Money.summary(999_900, .zhHans) == "¥9,999.00")
        #expect(Money.summary(-35_000_000, .zhHans) == "¥-35.0万")
    }
}
