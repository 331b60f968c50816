import Foundation

/// How an administrator has set up quotations, orders and contracts: the pattern of each
/// document's number, how deep a discount each role may give, and the approval flows.
public struct CommerceSetup: Codable, Sendable, Equatable {
    /// Per entity key, a pattern such as `BJ-{YYYY}-{####}`.
    public var numbering: [String: String]
    /// Per role key, the deepest discount (hundredths of a percent) its holders may give
    /// without approval; a person's limit is the highest of their roles'.
    public var discountLimits: [String: Int64]
    public var flows: [ApprovalFlow]
    /// Commission is earned on payments received (the default) or on the contract amount when signed.
    public var commissionOnContract: Bool
    /// Our company's name, as the seller on documents.
    public var companyName: String
    /// Word templates an administrator uploaded, by entity key: the stored file's id.
    public var templates: [String: String]
    public var commissionRules: [CommissionRule]

    enum CodingKeys: String, CodingKey {
        case numbering, flows, templates
        case commissionRules = "commission_rules"
        case discountLimits = "discount_limits", commissionOnContract = "commission_on_contract", companyName = "company_name"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = CommerceSetup()
        self.numbering = try container.decodeIfPresent([String: String].self, forKey: .numbering) ?? standard.numbering
        self.discountLimits = try container.decodeIfPresent([String: Int64].self, forKey: .discountLimits) ?? standard.discountLimits
        self.flows = try container.decodeIfPresent([ApprovalFlow].self, forKey: .flows) ?? standard.flows
        self.commissionOnContract = try container.decodeIfPresent(Bool.self, forKey: .commissionOnContract) ?? false
        self.companyName = try container.decodeIfPresent(String.self, forKey: .companyName) ?? ""
        self.templates = try container.decodeIfPresent([String: String].self, forKey: .templates) ?? [:]
        self.commissionRules = try container.decodeIfPresent([CommissionRule].self, forKey: .commissionRules) ?? []
    }

    public init(numbering: [String: String] = CommerceSetup.standardNumbering,
                discountLimits: [String: Int64] = ["sales_rep": 1_000, "manager": 2_000, "general_manager": 10_000],
                flows: [ApprovalFlow] = ApprovalFlow.standard, commissionOnContract: Bool = false, companyName: String = "",
                templates: [String: String] = [:], commissionRules: [CommissionRule] = []) {
        self.numbering = numbering
        self.discountLimits = discountLimits
        self.flows = flows
        self.commissionOnContract = commissionOnContract
        self.companyName = companyName
        self.templates = templates
        self.commissionRules = commissionRules
    }

    public static let standardNumbering = ["quotation": "BJ-{YYYY}-{####}", "sales_order": "DD-{YYYY}-{####}",
                                           "contract": "HT-{YYYY}-{####}"]

    /// The deepest discount someone holding `roles` may give without approval.
    public func discountLimit(roles: [String], isAdmin: Bool) -> Int64 {
        isAdmin ? Int64(Money.whole) : roles.compactMap { self.discountLimits[$0] }.max() ?? 0
    }

    /// The first of the entity's flows whose conditions the record meets; nil when it needs no approval.
    public func flow(for entity: String, values: [String: FieldValue], overDiscountLimit: Bool) -> ApprovalFlow? {
        self.flows.first { $0.entity == entity && $0.conditions.allSatisfy { $0.holds(values, overDiscountLimit: overDiscountLimit) } }
    }
}

/// Document numbers: `{YYYY}` the year, `{YY}` its last two digits, `{MM}` the month, and a run
/// of `#` (in braces or not) the sequence, zero-padded to the run's length. The sequence starts again with each
/// period the pattern names (each year for `{YYYY}`, each month with `{MM}`).
public enum DocumentNumber {
    public static func period(_ pattern: String, day: CalendarDay) -> String {
        if pattern.contains("{MM}") { return String(format4(day.year)) + "-" + two(day.month) }
        if pattern.contains("{YYYY}") || pattern.contains("{YY}") { return format4(day.year) }
        return ""
    }

    public static func format(_ pattern: String, day: CalendarDay, sequence: Int64) -> String {
        var text = pattern.replacingOccurrences(of: "{YYYY}", with: format4(day.year))
            .replacingOccurrences(of: "{YY}", with: two(day.year % 100))
            .replacingOccurrences(of: "{MM}", with: two(day.month))
            .replacingOccurrences(of: "{#", with: "#").replacingOccurrences(of: "#}", with: "#")
        let width = text.filter { $0 == "#" }.count
        let digits = String(sequence)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        if let start = text.firstIndex(of: "#") {
            let end = text[start...].firstIndex { $0 != "#" } ?? text.endIndex
            text.replaceSubrange(start..<end, with: padded)
        } else {
            text += padded
        }
        return text
    }

    /// A pattern an administrator may save: up to 40 characters with one run of `#`.
    public static func isValid(_ pattern: String) -> Bool {
        guard pattern.count <= 40, let start = pattern.firstIndex(of: "#") else { return false }
        return !pattern[start...].drop { $0 == "#" }.contains("#")
    }

    private static func format4(_ value: Int) -> String { String(value) }
    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
