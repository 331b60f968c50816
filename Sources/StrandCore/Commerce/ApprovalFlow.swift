/// An approval flow (审批流): the steps a record goes through, chosen by conditions on the
/// record. One mechanism for every approved record (quotations over the discount limit,
/// contracts, and later expenses and custom forms).
public struct ApprovalFlow: Codable, Sendable, Equatable {
    public var key: String
    public var name: String
    /// The entity whose records it approves.
    public var entity: String
    /// All must hold for the flow to apply; none means always.
    public var conditions: [ApprovalCondition]
    public var steps: [ApprovalStepRule]

    public init(key: String, name: String, entity: String, conditions: [ApprovalCondition] = [], steps: [ApprovalStepRule]) {
        self.key = key
        self.name = name
        self.entity = entity
        self.conditions = conditions
        self.steps = steps
    }

    /// What a new Strand starts with: a discount beyond the quoting person's limit goes to
    /// their manager; a contract of 100,000 and more to the manager and then the general
    /// manager; any other contract to the manager.
    public static let standard = [
        ApprovalFlow(key: "quotation_discount", name: "报价折扣审批", entity: "quotation",
                     conditions: [ApprovalCondition(kind: .overDiscountLimit)], steps: [ApprovalStepRule(kind: .manager)]),
        ApprovalFlow(key: "contract_large", name: "大额合同审批", entity: "contract",
                     conditions: [ApprovalCondition(kind: .atLeast, field: "amount", value: "100000")],
                     steps: [ApprovalStepRule(kind: .manager), ApprovalStepRule(kind: .role, role: "general_manager")]),
        ApprovalFlow(key: "contract", name: "合同审批", entity: "contract", steps: [ApprovalStepRule(kind: .manager)]),
    ]
}

/// A condition on the record: an amount at least or below a figure (in yuan, as typed), a
/// choice equal to a value, or a quotation discounting beyond its author's limit.
public struct ApprovalCondition: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case atLeast = "at_least", below, equals
        case overDiscountLimit = "over_discount_limit"
    }

    public var kind: Kind
    public var field: String
    public var value: String

    public init(kind: Kind, field: String = "", value: String = "") {
        self.kind = kind
        self.field = field
        self.value = value
    }

    public func holds(_ values: [String: FieldValue], overDiscountLimit: Bool) -> Bool {
        switch self.kind {
        case .overDiscountLimit: return overDiscountLimit
        case .equals: return values[self.field]?.textValue == self.value
        case .atLeast, .below:
            guard let figure = ScaledDecimal.parse(self.value, scale: 2), let amount = values[self.field]?.integerValue else { return false }
            return self.kind == .atLeast ? amount >= figure : amount < figure
        }
    }
}

/// Who approves a step: a named person, the nearest holder of a role going up from the
/// requester's department, or the requester's department manager (the nearest holder of the
/// `manager` role). Nobody approves their own request: such a step is passed.
public struct ApprovalStepRule: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case user, role, manager
    }

    public var kind: Kind
    public var userId: Int64?
    public var role: String?

    enum CodingKeys: String, CodingKey {
        case kind, role
        case userId = "user_id"
    }

    public init(kind: Kind, userId: Int64? = nil, role: String? = nil) {
        self.kind = kind
        self.userId = userId
        self.role = role
    }

    /// The role searched for up the department chain, for the kinds that search.
    public var searchedRole: String? {
        switch self.kind {
        case .user: nil
        case .role: self.role
        case .manager: "manager"
        }
    }
}
