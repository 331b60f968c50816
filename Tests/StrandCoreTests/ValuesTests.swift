import Foundation
import StrandCore
import Testing

@Suite struct ValuesTests {
    @Test func scaledDecimalsAreExact() {
        #expect(ScaledDecimal.parse("1234.5", scale: 2) == 123450)
        #expect(ScaledDecimal.parse("-0.07", scale: 2) == -7)
        #expect(ScaledDecimal.parse(".5", scale: 2) == 50)
        #expect(ScaledDecimal.parse("1.005", scale: 2) == nil)
        #expect(ScaledDecimal.parse("1e5", scale: 2) == nil)
        #expect(ScaledDecimal.parse("", scale: 2) == nil)
        #expect(ScaledDecimal.format(123450, scale: 2) == "1234.50")
        #expect(ScaledDecimal.format(-7, scale: 2) == "-0.07")
    }

    @Test func calendarDaysAreReal() {
        #expect(CalendarDay("2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDay("2026-02-29") == nil)
        #expect(CalendarDay("2026-2-4")?.description == "2026-02-04")
        #expect(CalendarDay("2/4") == nil)
    }

    @Test func timesFormatLikeAFormatterWouldInEveryZone() {
        let zones = ["Asia/Shanghai", "UTC", "America/New_York", "Asia/Kolkata"].map { TimeZone(identifier: $0)! }
        for millis: Int64 in [0, 1_795_392_000_000, 951_782_400_000, -86_400_001, 1_710_054_000_000, 4_102_444_799_000] {
            for zone in zones {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = zone
                formatter.dateFormat = "yyyy-MM-dd HH:mm"
                #expect(DateTimeText.local(millis, timeZone: zone) == formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000)))
            }
        }
        #expect(DateTimeText.iso(1_795_392_000_000) == "2026-11-23T00:00:00Z")
    }

    @Test func creditCodesCheckTheirLastCharacter() {
        #expect(CreditCode.isValid("91110000802100433B"))
        #expect(!CreditCode.isValid("911100008021004330"))
        #expect(!CreditCode.isValid("9111000080210043"))
    }

    @Test func fieldsParseOrExplain() throws {
        let money = FieldDefinition("amount", .money)
        #expect(try money.parse(.string("1,234.56"), timeZone: .gmt).get() == .integer(123456))
        #expect(money.parse(.string("1.234"), timeZone: .gmt) == .failure(FieldError("too_many_decimals", ["places": "2"])))
        let url = FieldDefinition("site", .url)
        #expect(url.parse(.string("javascript:alert(1)"), timeZone: .gmt) == .failure(FieldError("invalid_url")))
        #expect(try url.parse(.string("example.com"), timeZone: .gmt).get() == .text("https://example.com"))
        let when = FieldDefinition("at", .dateTime)
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        #expect(try when.parse(.string("2026-11-23T08:00"), timeZone: shanghai).get() == .integer(1_795_392_000_000))
        let name = FieldDefinition("name", .text).required()
        #expect(name.parse(.string("  "), timeZone: .gmt) == .failure(.required))
    }
}

@Suite struct SearchTermsTests {
    @Test func chineseNamesGetPinyinAndInitials() {
        let terms = SearchTerms.terms("张三丰", role: .name)
        #expect(terms.contains("张三"))
        #expect(terms.contains("三丰"))
        #expect(!terms.contains("张三丰"))
        #expect(terms.contains("zhangsanfeng"))
        #expect(terms.contains("sanfeng"))
        #expect(terms.contains("zsf"))
    }

    @Test func mixedScriptsSplitIntoRunsAndAccentsLowercase() {
        let terms = SearchTerms.terms("ÉCOLE华为Tech 北京", role: .name)
        for term in ["école", "cole", "华为", "tech", "ech", "北京", "écolehuaweitechbeijing"] {
            #expect(terms.contains(term), "\(term)")
        }
        #expect(SearchTerms.terms("王", role: .name).contains("王"))
        #expect(SearchTerms.normalize("Ab-C 1") == "abc1")
    }

    @Test func everyWordOfALongNameIsFound() {
        let terms = SearchTerms.terms("International Business Machines Corporation Beijing", role: .name)
        for word in ["international", "corporation", "beijing", "machinescorporation", "internationalbusiness"] {
            #expect(terms.contains { $0.hasPrefix(word) }, "\(word)")
        }
    }

    @Test func phonesAreFoundByTheirTail() {
        let terms = SearchTerms.terms("138-1234-5678", role: .phone)
        #expect(terms.first == "13812345678")
        #expect(terms.contains("5678"))
        #expect(!terms.contains("678"))
    }

    @Test func queriesKeepOnlyLettersAndDigits() {
        #expect(SearchTerms.queryWords(" 张三丰 138-12 ") == [.init("张三", prefix: false), .init("三丰", prefix: false), .init("13812", prefix: true)])
        #expect(SearchTerms.queryWords("华为abc") == [.init("华为", prefix: false), .init("abc", prefix: true)])
        #expect(SearchTerms.queryWords("\"*)(") == [])
    }
}

@Suite struct ScopeTests {
    let actor = Actor(userId: 7, departmentId: 2, departmentTree: [2, 5], roles: [DefaultRoles.salesRep, DefaultRoles.manager])

    @Test func widestRoleWins() {
        #expect(self.actor.scope(.view, on: "customer") == .departmentTree)
        #expect(self.actor.scope(.delete, on: "customer") == .none)
    }

    @Test func filterAllowsOwnAndDepartmentRecords() {
        let filter = self.actor.filter(.view, on: "customer")
        #expect(filter.allows(owner: 7, department: 9))
        #expect(filter.allows(owner: 1, department: 5))
        #expect(!filter.allows(owner: 1, department: 3))
        #expect(!filter.allows(owner: nil, department: nil))
    }
}
