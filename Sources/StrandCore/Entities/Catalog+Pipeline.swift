extension EntityDefinition {
    public static let lead = EntityDefinition(
        key: "lead", table: "leads", resource: "leads", searchCode: 4,
        titleField: "company", ownership: .owned,
        fields: [
            FieldDefinition("company", .text).required().searched(.name).listed().sortable().duplicateChecked(),
            FieldDefinition("contact_name", .text).maxLength(50).searched(.name).listed(),
            FieldDefinition("position", .text).maxLength(50),
            FieldDefinition("phone", .phone).searched(.phone).listed().duplicateChecked(),
            FieldDefinition("email", .email).searched(.email).duplicateChecked(),
            FieldDefinition("status", .choice).options(LeadChoices.statuses).required().listed().filterable().sortable(),
            FieldDefinition("source", .choice).options(CustomerChoices.sources).listed().filterable(),
            FieldDefinition("industry", .choice).options(CustomerChoices.industries).filterable(),
            FieldDefinition("province", .text).maxLength(30).listed().filterable().sortable(),
            FieldDefinition("city", .text).maxLength(30).filterable().sortable(),
            FieldDefinition("notes", .longText),
            FieldDefinition("converted_customer_id", .link).link("customer"),
        ],
        trackedFields: ["owner_id", "status"]
    )

    public static let opportunity = EntityDefinition(
        key: "opportunity", table: "opportunities", resource: "opportunities", searchCode: 5,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().searched(.name).listed().sortable(),
            FieldDefinition("customer_id", .link).link("customer").required().listed().filterable(),
            FieldDefinition("amount", .money).required().listed().sortable(),
            FieldDefinition("currency", .choice).options(["CNY", "USD", "EUR", "HKD", "JPY"]),
            FieldDefinition("stage", .choice).options(SalesStage.defaults.map(\.key)).required().listed().filterable().sortable(),
            FieldDefinition("probability", .integer).listed(),
            FieldDefinition("expected_close", .date).listed().filterable().sortable(),
            FieldDefinition("source", .choice).options(CustomerChoices.sources).filterable(),
            FieldDefinition("next_step", .text),
            FieldDefinition("lost_reason", .choice).options(OpportunityChoices.lostReasons).filterable(),
            FieldDefinition("notes", .longText),
        ],
        trackedFields: ["owner_id", "stage"],
        rules: OpportunityRules(),
        stamps: [ParentStamp(link: "customer_id", target: "last_won_at", when: ("stage", "won"))]
    )

    public static let competitor = EntityDefinition(
        key: "competitor", table: "competitors", resource: "competitors", searchCode: 6,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().searched(.name).listed().sortable().duplicateChecked(),
            FieldDefinition("website", .url).listed(),
            FieldDefinition("products", .text).listed(),
            FieldDefinition("strengths", .longText),
            FieldDefinition("weaknesses", .longText),
        ]
    )
}

public enum LeadChoices {
    public static let statuses = ["new", "contacted", "qualified", "unqualified", "converted"]
}

public enum OpportunityChoices {
    public static let lostReasons = ["price", "product", "competitor", "no_budget", "no_decision", "relationship", "other"]
}

/// A step of the sales pipeline and the chance of winning it stands for. The default stages
/// are the seeds' own: 初步接洽 10%, 需求确认 30%, 方案报价 50%, 谈判审核 70%, 赢单 100%, 输单 0%.
public struct SalesStage: Sendable, Equatable {
    public enum Outcome: Sendable { case open, won, lost }

    public let key: String
    public let probability: Int
    public let outcome: Outcome

    public static let defaults = [
        SalesStage(key: "initial", probability: 10, outcome: .open),
        SalesStage(key: "needs", probability: 30, outcome: .open),
        SalesStage(key: "proposal", probability: 50, outcome: .open),
        SalesStage(key: "negotiation", probability: 70, outcome: .open),
        SalesStage(key: "won", probability: 100, outcome: .won),
        SalesStage(key: "lost", probability: 0, outcome: .lost),
    ]

    /// The stages of deals still being worked.
    public static var open: [SalesStage] { self.defaults.filter { $0.outcome == .open } }

    public static func named(_ key: String) -> SalesStage? {
        self.defaults.first { $0.key == key }
    }
}

/// Moving to a stage sets its probability; a lost deal says why, and an open one has no reason.
public struct OpportunityRules: RecordRules {
    public func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?) -> [String: FieldError] {
        guard case .text(let key)? = values["stage"], let stage = SalesStage.named(key) else { return [:] }
        if before == nil || before?["stage"] != values["stage"] {
            values["probability"] = .integer(Int64(stage.probability))
        }
        switch stage.outcome {
        case .lost:
            if values["lost_reason"]?.isEmpty ?? true { return ["lost_reason": FieldError("required")] }
        case .open, .won:
            values["lost_reason"] = .text("")
        }
        return [:]
    }
}
