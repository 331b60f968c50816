import Foundation
@testable import StrandCore
import Testing

/// Sales territories: which territory (and so which person or department) a lead's or
/// customer's province, city and industry fall in, the more specific territory first.
@Suite struct TerritoriesTests {
    /// 华东 to the East China department, 苏州 to 陈经理, 苏州's manufacturers to 刘工, 江苏 banks to 周总.
    static let setup = AssignmentSetup(automatic: ["lead"], territories: [
        Territory(name: "华东", provinces: ["江苏省", "浙江省", "上海市"], assignee: .department(10)),
        Territory(name: "江苏金融", provinces: ["江苏"], industries: ["finance"], assignee: .user(21)),
        Territory(name: "苏州制造", cities: ["苏州"], industries: ["manufacturing"], assignee: .user(7)),
        Territory(name: "苏州", cities: ["苏州市"], assignee: .user(8)),
        Territory(name: "制造业", industries: ["manufacturing"], assignee: .department(30)),
    ])

    func territory(_ province: String, _ city: String = "", _ industry: String = "", in setup: AssignmentSetup = Self.setup) -> String? {
        setup.territory(for: ["province": .text(province), "city": .text(city), "industry": .text(industry)])?.name
    }

    @Test func aCityBeatsItsProvinceAndAnIndustryNarrowsEither() {
        #expect(self.territory("江苏省", "南京市", "it") == "华东")
        #expect(self.territory("江苏省", "苏州市", "it") == "苏州")
        #expect(self.territory("江苏省", "苏州市", "manufacturing") == "苏州制造")
        #expect(self.territory("江苏省", "南京市", "finance") == "江苏金融")
        // A province with an industry is still less specific than a city.
        #expect(self.territory("江苏省", "苏州市", "finance") == "苏州")
        // An industry alone matches anywhere, but after any place.
        #expect(self.territory("广东省", "东莞市", "manufacturing") == "制造业")
        #expect(self.territory("浙江省", "宁波市", "manufacturing") == "华东")
        #expect(self.territory("广东省", "深圳市", "it") == nil)
    }

    @Test func theAssigneeIsThePersonOrDepartmentOfTheMatchingTerritory() {
        let assignee = { (values: [String: FieldValue]) in Self.setup.territory(for: values)?.assignee }
        #expect(assignee(["province": .text("上海"), "city": .text("上海")]) == .department(10))
        #expect(assignee(["province": .text("江苏"), "city": .text("苏州"), "industry": .text("manufacturing")]) == .user(7))
        // A city alone, with the province left empty, still finds the city's territory.
        #expect(assignee(["city": .text("苏州")]) == .user(8))
        #expect(AssignmentSetup.assignable == ["lead", "customer"])
    }

    @Test func equallySpecificTerritoriesGoToTheFirstListed() {
        let setup = AssignmentSetup(territories: [
            Territory(name: "华南一组", provinces: ["广东", "广西"], assignee: .user(1)),
            Territory(name: "华南二组", provinces: ["广东", "海南"], assignee: .user(2)),
        ])
        #expect(self.territory("广东省", "广州市", in: setup) == "华南一组")
        #expect(self.territory("海南省", "三亚市", in: setup) == "华南二组")
        let reversed = AssignmentSetup(territories: setup.territories.reversed())
        #expect(self.territory("广东省", "广州市", in: reversed) == "华南二组")
    }

    @Test func placesMatchWithOrWithoutTheirSuffixSpacesAndCase() {
        let setup = AssignmentSetup(territories: [
            Territory(name: "直辖市", provinces: ["北京", "上海市", "重庆"], assignee: .user(1)),
            Territory(name: "港澳", provinces: ["香港特别行政区", "澳门"], assignee: .user(2)),
            Territory(name: "北方", provinces: ["内蒙古", "黑龙江省"], assignee: .user(3)),
            Territory(name: "海外", cities: ["Singapore"], assignee: .user(4)),
        ])
        #expect(self.territory("北京市", in: setup) == "直辖市")
        #expect(self.territory("上海", in: setup) == "直辖市")
        #expect(self.territory(" 重庆市 ", in: setup) == "直辖市")
        #expect(self.territory("香港", in: setup) == "港澳")
        #expect(self.territory("澳门特别行政区", in: setup) == "港澳")
        #expect(self.territory("内蒙古自治区", in: setup) == "北方")
        #expect(self.territory("黑龙江", in: setup) == "北方")
        #expect(self.territory("", "singapore ", in: setup) == "海外")
        // A two-character name keeps its 市: 沙市 is not 沙.
        #expect(Territory.bare("沙市") == "沙市")
        #expect(Territory.bare("苏州市") == "苏州")
    }

    @Test func aTerritoryNamingNothingMatchesNothingAndEmptyValuesMatchNoList() {
        let setup = AssignmentSetup(territories: [
            Territory(name: "全部", assignee: .user(1)),
            Territory(name: "浙江", provinces: ["浙江"], assignee: .user(2)),
        ])
        #expect(self.territory("浙江", "杭州", "retail", in: setup) == "浙江")
        #expect(self.territory("湖南", "长沙", "retail", in: setup) == nil)
        #expect(self.territory("", in: setup) == nil)
        #expect(setup.territory(for: [:]) == nil)
        #expect(setup.territory(for: ["province": .null, "city": .integer(571)]) == nil)
        #expect(AssignmentSetup().territory(for: ["province": .text("浙江")]) == nil)
    }

    @Test func salesUnitsReadAndWriteTheirTokensAndJSON() throws {
        #expect(SalesUnit.user(3).token == "user:3")
        #expect(SalesUnit(token: "department:2") == .department(2))
        for bad in ["team:1", "user:x", "user", "user:3:4", ""] { #expect(SalesUnit(token: bad) == nil, "\(bad)") }
        #expect(try JSONDecoder().decode(SalesUnit.self, from: Data(#"{"user_id":3}"#.utf8)) == .user(3))
        #expect(try JSONDecoder().decode(SalesUnit.self, from: Data(#"{"department_id":2}"#.utf8)) == .department(2))
        #expect(throws: (any Error).self) { try JSONDecoder().decode(SalesUnit.self, from: Data("{}".utf8)) }
        #expect(String(decoding: try JSONEncoder().encode(SalesUnit.department(2)), as: UTF8.self) == #"{"department_id":2}"#)
        let decoded = try JSONDecoder().decode(AssignmentSetup.self, from: JSONEncoder().encode(Self.setup))
        #expect(decoded == Self.setup)
    }

    @Test func autonomousRegionsMatchTheirUsualShortNames() {
        // 广西, 新疆 and 宁夏 are what people type; the full names strip only 自治区 and keep 壮族, 维吾尔, 回族.
        let setup = AssignmentSetup(territories: [Territory(name: "西部", provinces: ["广西", "新疆", "宁夏"], assignee: .user(5))])
        withKnownIssue("Territory.bare strips 自治区 but not the 壮族/维吾尔/回族 before it, so 广西壮族自治区 is not 广西") {
            #expect(self.territory("广西壮族自治区", "南宁市", in: setup) == "西部")
            #expect(self.territory("新疆维吾尔自治区", "乌鲁木齐市", in: setup) == "西部")
            #expect(self.territory("宁夏回族自治区", "银川市", in: setup) == "西部")
        }
    }
}
