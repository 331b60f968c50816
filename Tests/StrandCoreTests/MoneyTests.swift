import Foundation
@testable import StrandCore
import Testing

/// Money arithmetic checked against exact rational arithmetic on random lines: every line is
/// within half a fen of its exact value and rounds half up, and totals are the sums of lines.
@Suite struct MoneyTests {
    /// A small deterministic generator, so a failure can be replayed from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var z = self.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomLine(_ random: inout Generator) -> (LineItem, ProductPrice) {
        let price = ProductPrice(productId: Int64.random(in: 1...50, using: &random), name: "P", listPrice: Int64.random(in: 0...99_999_999, using: &random),
                                 taxRate: [0, 300, 600, 900, 1300, Int64.random(in: 0...10_000, using: &random)].randomElement(using: &random)!)
        var line = LineItem(productId: price.productId, quantity: Int64.random(in: 1...9_999_999, using: &random),
                            discount: [0, 500, 1250, 3333, Int64.random(in: 0...10_000, using: &random)].randomElement(using: &random)!)
        line.price(with: price)
        return (line, price)
    }

    @Test(arguments: [1, 2, 3, 42, 2026])
    func linesRoundOnceHalfUpAndTotalsAdd(seed: UInt64) {
        var random = Generator(state: seed)
        for _ in 0..<200 {
            let lines = (0..<Int.random(in: 1...200, using: &random)).map { _ in Self.randomLine(&random).0 }
            for line in lines {
                // Exact value in units of 1/(100 x 10000) fen; the rounded amount is within half a fen.
                let exact = Int128(line.quantity) * Int128(line.listPrice) * (10_000 - Int128(line.discount))
                let scale: Int128 = 100 * 10_000
                let difference = Int128(line.amount) * scale - exact
                #expect(difference * 2 <= scale && difference * 2 > -scale)
                let exactTax = Int128(line.amount) * Int128(line.taxRate)
                let taxDifference = Int128(line.tax) * 10_000 - exactTax
                #expect(taxDifference * 2 <= 10_000 && taxDifference * 2 > -10_000)
                #expect(line.total == line.amount + line.tax)
                #expect(line.amount <= line.listAmount)
            }
            let totals = LineTotals(lines)
            #expect(totals.amount == lines.map(\.amount).reduce(0, +))
            #expect(totals.tax == lines.map(\.tax).reduce(0, +))
            #expect(totals.total == totals.amount + totals.tax)
            #expect(totals.discountAmount == totals.listAmount - totals.amount)
            #expect(totals.maxDiscount == lines.map(\.discount).max())
            // Written and read back by the parser itself, past the cache of recent lines.
            #expect(LineItems.read(LineItems.written(lines)) == lines)
        }
    }

    @Test func linesKeepAnyTextExactly() {
        var line = LineItem(productId: 7, quantity: 1, notes: "引号\"反斜杠\\换行\n制表\t控制\u{1}😀")
        line.name = "</script><b>"
        #expect(LineItems.read(LineItems.written([line])) == [line])
    }

    @Test func halfAFenRoundsUpAwayFromZero() {
        #expect(Money.rounded(5, over: 10) == 1)
        #expect(Money.rounded(4, over: 10) == 0)
        #expect(Money.rounded(-5, over: 10) == -1)
        #expect(Money.rounded(15, over: 10) == 2)
        #expect(Money.percent(1300, of: 50) == 7)        // 6.5 fen
        #expect(Money.percent(1300, of: 38) == 5)        // 4.94 fen
        var line = LineItem(productId: 1, quantity: 300, discount: 1000)
        line.price(with: ProductPrice(productId: 1, name: "A", listPrice: 3_33, taxRate: 1300))
        // 3 x 3.33 x 0.9 = 8.991 -> 8.99; tax 8.99 x 13% = 1.1687 -> 1.17.
        #expect(line.amount == 8_99 && line.tax == 1_17 && line.unitPrice == 3_00 && line.listAmount == 9_99)
    }

    @Test(arguments: [7, 99])
    func splitsAddUpExactly(seed: UInt64) {
        var random = Generator(state: seed)
        for _ in 0..<500 {
            let amount = Int64.random(in: -10_000_000...10_000_000_000, using: &random)
            let weights = (0..<Int.random(in: 1...12, using: &random)).map { _ in Int64.random(in: 0...1_000_000, using: &random) }
            let parts = Money.split(amount, by: weights)
            #expect(parts.count == weights.count)
            if weights.reduce(0, +) > 0 { #expect(parts.reduce(0, +) == amount) }
        }
    }

    @Test func amountsInChineseCapitals() {
        let cases: [(Int64, String)] = [
            (0, "零元整"), (5, "伍分"), (50, "伍角整"), (1_00, "壹元整"), (10_50, "壹拾元伍角整"), (1_05, "壹元零伍分"),
            (123_456, "壹仟贰佰叁拾肆元伍角陆分"), (1_005_00, "壹仟零伍元整"), (10_050_00, "壹万零伍拾元整"),
            (100_000_000_00, "壹亿元整"), (100_010_000_00, "壹亿零壹万元整"), (201_000_000_00, "贰亿零壹佰万元整"),
            (1_000_000_00, "壹佰万元整"), (1_030_07, "壹仟零叁拾元零柒分"), (-12_00, "负壹拾贰元整"), (100_000_00, "壹拾万元整"),
        ]
        for (fen, words) in cases { #expect(ChineseAmount.words(fen: fen) == words, "\(fen)") }
    }

    @Test func documentNumbersFollowTheirPattern() {
        let day = CalendarDay("2026-03-09")!
        #expect(DocumentNumber.format("BJ-{YYYY}-{####}", day: day, sequence: 1) == "BJ-2026-0001")
        #expect(DocumentNumber.format("HT{YY}{MM}-###", day: day, sequence: 12345) == "HT2603-12345")
        #expect(DocumentNumber.period("BJ-{YYYY}-{####}", day: day) == "2026")
        #expect(DocumentNumber.period("HT{YY}{MM}-###", day: day) == "2026-03")
        #expect(DocumentNumber.period("Q-####", day: day) == "")
        #expect(DocumentNumber.isValid("BJ-{YYYY}-{####}"))
        #expect(!DocumentNumber.isValid("BJ-{YYYY}"))
        #expect(!DocumentNumber.isValid("B#J-##"))
    }

    @Test func theMostSpecificPriceBookWins() {
        let books = [
            PriceBook(id: 1),
            PriceBook(id: 2, grade: "A"),
            PriceBook(id: 3, grade: "A", customerType: "channel"),
            PriceBook(id: 4, customerType: "channel", priority: 5),
            PriceBook(id: 5, grade: "A", validFrom: "2027-01-01"),
            PriceBook(id: 6, grade: "A", active: false),
            PriceBook(id: 7, grade: "A", validTo: "2026-01-31"),
        ]
        #expect(PriceBook.ranked(books, grade: "A", type: "channel", on: "2026-06-01").map(\.id) == [3, 4, 2, 1])
        #expect(PriceBook.ranked(books, grade: "A", type: "direct", on: "2026-06-01").map(\.id) == [2, 1])
        #expect(PriceBook.ranked(books, grade: "A", type: "direct", on: "2027-02-01").map(\.id) == [5, 2, 1])
        #expect(PriceBook.ranked(books, grade: "B", type: "direct", on: "2026-06-01").map(\.id) == [1])
    }

    @Test func linesAsTypedAreCheckedRowByRow() throws {
        let parse = { (rows: [[String: String]]) in LineInput.parse(.rows(rows)) }
        #expect(try parse([["product_id": "3", "quantity": "2.5", "discount": "10"], [:], ["product_code": "A-1", "quantity": "1"]]).get().count == 2)
        #expect(throws: FieldError("line_quantity", ["line": "2"])) {
            try parse([["product_id": "3", "quantity": "1"], ["product_id": "3", "quantity": "0"]]).get()
        }
        #expect(throws: FieldError("line_discount", ["line": "1"])) { try parse([["product_id": "3", "quantity": "1", "discount": "100.01"]]).get() }
        #expect(throws: FieldError("line_product_id", ["line": "1"])) { try parse([["quantity": "1"]]).get() }
        #expect(throws: FieldError("line_quantity", ["line": "1"])) { try parse([["product_id": "3", "quantity": "1.005"]]).get() }
    }
}

/// The JSON reader: what JSON allows, exactly; what it does not, refused.
@Suite struct JSONParseTests {
    @Test func readsWhatJSONAllows() throws {
        let text = #"{"a": [1, -2.50, 3e2, true, false, null], "b": "引号\"\\\/\n\u4e2d\ud83d\ude00", "c": {}, "d": [], "e": {"f": [{}]}}"#
        let parsed = try JSON.parse(text)
        #expect(parsed == .object([
            "a": .array([.number("1"), .number("-2.50"), .number("3e2"), .bool(true), .bool(false), .null]),
            "b": .string("引号\"\\/\n中😀"), "c": .object([:]), "d": .array([]), "e": .object(["f": .array([.object([:])])]),
        ]))
        #expect(try JSON.parse(parsed.serialized) == parsed)
    }

    @Test func writesTextSafeForAPageAndReadsItBack() throws {
        let pieces = ["甲", "a", "\"", "\\", "\n", "\r", "\t", "<", ">", "&", "\u{1}", "\u{1f}", "\u{2028}", "\u{2029}", "\u{2027}", "😀", " "]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let written = JSON.string(text).serialized
            #expect(try JSON.parse(written) == .string(text))
            #expect(!written.contains { "<>&\u{2028}\u{2029}\n".contains($0) })
        }
        #expect(JSON.string("<a&\u{1}\u{2028}").serialized == #""\u003ca\u0026\u0001\u2028""#)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01x", "\"\\x\"", "\"\u{1}\"", "tru", "[1] 2", "\"\\ud83d\"", "-", "1.", "{\"a\":}"])
    func refusesWhatItDoesNot(_ text: String) {
        #expect(throws: JSON.ParseError.self) { try JSON.parse(text) }
    }
}
