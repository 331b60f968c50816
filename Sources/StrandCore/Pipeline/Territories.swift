import Foundation

/// Who gets new leads and customers: territories match a record's province, city and industry
/// to a person or a department, and entities set to automatic assignment give their new records
/// (those created without a named owner) to the territory that matches.
public struct AssignmentSetup: Codable, Sendable, Equatable {
    /// Entity keys whose new records are assigned by territory.
    public var automatic: [String]
    public var territories: [Territory]

    public init(automatic: [String] = [], territories: [Territory] = []) {
        self.automatic = automatic
        self.territories = territories
    }

    /// The entities a territory can assign: those with a province, a city or an industry.
    public static let assignable = ["lead", "customer"]

    /// The most specific territory the values fall in (a city before a province, a place with
    /// an industry before the place alone); between equally specific ones, the first in the list.
    public func territory(for values: [String: FieldValue]) -> Territory? {
        let place = Territory.Place(province: values["province"]?.textValue ?? "", city: values["city"]?.textValue ?? "",
                                    industry: values["industry"]?.textValue ?? "")
        return self.territories.enumerated()
            .filter { $0.element.contains(place) }
            .max { ($0.element.specificity, -$0.offset) < ($1.element.specificity, -$1.offset) }?
            .element
    }
}

/// A sales territory: every list that is not empty must contain the record's value.
public struct Territory: Codable, Sendable, Equatable {
    struct Place {
        let province: String, city: String, industry: String
    }

    public var name: String
    public var provinces: [String]
    public var cities: [String]
    public var industries: [String]
    public var assignee: SalesUnit

    public init(name: String, provinces: [String] = [], cities: [String] = [], industries: [String] = [], assignee: SalesUnit) {
        self.name = name
        self.provinces = provinces
        self.cities = cities
        self.industries = industries
        self.assignee = assignee
    }

    var specificity: Int {
        (self.cities.isEmpty ? 0 : 4) + (self.provinces.isEmpty ? 0 : 2) + (self.industries.isEmpty ? 0 : 1)
    }

    func contains(_ place: Place) -> Bool {
        guard self.specificity > 0 else { return false }
        return Self.admits(self.provinces, place.province) && Self.admits(self.cities, place.city)
            && Self.admits(self.industries, place.industry)
    }

    /// Provinces and cities are compared without the 省/市 people often leave off.
    static func admits(_ list: [String], _ value: String) -> Bool {
        list.isEmpty || list.contains { Self.bare($0) == Self.bare(value) }
    }

    static func bare(_ name: String) -> String {
        var name = name.trimmingCharacters(in: .whitespaces)
        for suffix in ["省", "市", "自治区", "特别行政区"] where name.hasSuffix(suffix) && name.count > suffix.count + 1 {
            name.removeLast(suffix.count)
            break
        }
        return name.lowercased()
    }
}

/// A person, or a department: who a territory gives records to, whose target a target is.
public enum SalesUnit: Codable, Sendable, Equatable, Hashable {
    case user(Int64)
    /// A territory deals its records out in turn among the department's active members.
    case department(Int64)

    enum CodingKeys: String, CodingKey {
        case userId = "user_id", departmentId = "department_id"
    }

    /// `{"user_id": 3}` or `{"department_id": 2}`, as the API reads and writes it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try container.decodeIfPresent(Int64.self, forKey: .userId) {
            self = .user(id)
        } else {
            self = .department(try container.decode(Int64.self, forKey: .departmentId))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .user(let id): try container.encode(id, forKey: .userId)
        case .department(let id): try container.encode(id, forKey: .departmentId)
        }
    }

    /// `user:3` or `department:2`, the value of a form's choice.
    public var token: String {
        switch self {
        case .user(let id): "user:\(id)"
        case .department(let id): "department:\(id)"
        }
    }

    public init?(token: String) {
        let parts = token.split(separator: ":")
        guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
        switch parts[0] {
        case "user": self = .user(id)
        case "department": self = .department(id)
        default: return nil
        }
    }
}
