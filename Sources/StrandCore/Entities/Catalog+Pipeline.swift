extension EntityDefinition {
    public static let lead = EntityDefinition(
        key: EntityKey.lead, table: "leads", resource: "leads", searchCode: 4,
        titleField: "company", ownership: .owned,
        fields: [
            FieldDefinition("company", .text).required().searched(.name).listed().sortable().duplicateChecked(),
            FieldDefinition("contact_name", .text).maxLength(50).searched(.name).listed(),
            FieldDefinition("position", .text).maxLength(50),
            FieldDefinition("phone", .phone).searched(.phone).listed().duplicateChecked(),
            FieldDefinition("email", .email).searched(.email).duplicateChecked(),
            FieldDefinition("status", .choice).options(LeadChoices.statuses).initial("new").required().listed().filterable().sortable(),
            FieldDefinition("source", .choice).options(CustomerChoices.sources, wordsOf: "customer").listed().filterable(),
            FieldDefinition("industry", .choice).options(CustomerChoices.industries, wordsOf: "customer").filterable(),
            FieldDefinition("province", .text).maxLength(30).listed().filterable().sortable(),
            FieldDefinition("city", .text).maxLength(30).filterable().sortable(),
            FieldDefinition("notes", .longText),
            FieldDefinition("converted_customer_id", .link).link("customer"),
        ],
        trackedFields: ["owner_id", "status"]
    ).inArea(.sales)

    public static let opportunity = EntityDefinition(
        key: EntityKey.opportunity, table: "opportunities", resource: "opportunities", searchCode: 5,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().searched(.name).listed().sortable(),
            FieldDefinition("customer_id", .link).link("customer").required().listed().filterable(),
            FieldDefinition("amount", .money).required().listed().sortable(),
            FieldDefinition("currency", .choice).options(["CNY", "USD", "EUR", "HKD", "JPY"]),
            FieldDefinition("pipeline", .choice).options(from: .pipelines).filterable(),
            FieldDefinition("stage", .choice).options(from: .stages).required().listed().filterable().sortable(),
            FieldDefinition("status", .choice).options(SalesStage.Outcome.allCases.map(\.rawValue)).filterable().maintainedByStrand(),
            FieldDefinition("closed_at", .dateTime).maintainedByStrand(),
            FieldDefinition("probability", .integer).percent().listed(),
            FieldDefinition("expected_close", .date).listed().filterable().sortable(),
            FieldDefinition("source", .choice).options(CustomerChoices.sources, wordsOf: "customer").filterable(),
            FieldDefinition("next_step", .text),
            FieldDefinition("lost_reason", .choice).options(from: .lostReasons).filterable(),
            FieldDefinition("notes", .longText),
        ],
        trackedFields: ["owner_id", "stage"],
        rules: OpportunityRules(),
        stamps: [ParentStamp(link: "customer_id", target: "last_won_at", when: ("status", "won"))],
        reportIndexes: [
            // The board's column totals for the company, a department, a person.
            ["pipeline", "stage", "amount"], ["department_id", "pipeline", "stage", "amount"], ["owner_id", "pipeline", "stage", "department_id", "amount"],
            // Targets: deals won in a period per person and department.
            ["status", "closed_at", "owner_id", "department_id", "amount"],
            // Forecast (grouped in this order, so no sort), win rate and cycle length.
            ["status", "pipeline", "expected_close", "probability", "department_id", "owner_id", "amount", "closed_at", "created_at"],
        ]
    ).inArea(.sales).handedOver(while: "status", is: "open")

    public static let competitor = EntityDefinition(
        key: EntityKey.competitor, table: "competitors", resource: "competitors", searchCode: 6,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().searched(.name).listed().sortable().duplicateChecked(),
            FieldDefinition("website", .url).listed(),
            FieldDefinition("products", .text).listed(),
            FieldDefinition("strengths", .longText),
            FieldDefinition("weaknesses", .longText),
        ]
    ).inArea(.sales)
}

extension EntityDefinition {
    /// A competitor met on a deal: who, how strong, what they offered. A deal has any number;
    /// a competitor's page lists its deals and how many of them were won and lost.
    public static let dealCompetitor = EntityDefinition(
        key: EntityKey.dealCompetitor, table: "deal_competitors", resource: "deal_competitors", searchCode: 7,
        titleField: "assessment", ownership: .inherited(from: "opportunity_id"),
        fields: [
            FieldDefinition("opportunity_id", .link).link("opportunity").required().listed().filterable(),
            FieldDefinition("competitor_id", .link).link("competitor").required().listed().filterable(),
            FieldDefinition("threat", .choice).options(["low", "medium", "high"]).listed().filterable(),
            FieldDefinition("their_offer", .money).listed(),
            FieldDefinition("assessment", .text).required().listed(),
        ]
    ).inArea(.sales)
}

extension EntityDefinition {
    /// A customer's contact involved in a deal, with the part they play (who decides, who
    /// influences) and where they stand, listed on the deal.
    public static let dealContact = EntityDefinition(
        key: EntityKey.dealContact, table: "deal_contacts", resource: "deal_contacts", searchCode: 8,
        titleField: "summary", ownership: .inherited(from: "opportunity_id"),
        fields: [
            FieldDefinition("opportunity_id", .link).link("opportunity").required().listed().filterable(),
            FieldDefinition("contact_id", .link).link("contact").required().listed().filterable(),
            FieldDefinition("role", .choice).options(["decision_maker", "influencer", "evaluator", "user", "gatekeeper"])
                .required().listed().filterable(),
            FieldDefinition("attitude", .choice).options(["supporter", "neutral", "opponent"]).listed().filterable(),
            FieldDefinition("summary", .text).required().maxLength(200).listed(),
        ]
    ).inArea(.sales)
}

public enum LeadChoices {
    public static let statuses = ["new", "contacted", "qualified", "unqualified", "converted"]
}

public enum OpportunityChoices {
    public static let lostReasons = ["price", "product", "competitor", "no_budget", "no_decision", "relationship", "other"]
}

/// A deal stays in a stage of its own pipeline (the first pipeline when none is named); moving
/// to a stage sets its probability and the deal's status, and closing it its closing time; a
/// lost deal says why, and an open one has no reason.
public struct OpportunityRules: RecordRules {
    public func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?, context: RuleContext) -> [String: FieldError] {
        let setup = context.setup
        let named = values["pipeline"]?.textValue ?? ""
        guard let pipeline = named.isEmpty ? setup.defaultPipeline : setup.pipeline(named) else {
            return ["pipeline": FieldError("not_an_option")]
        }
        values["pipeline"] = .text(pipeline.key)
        guard let key = values["stage"]?.textValue, let stage = pipeline.stage(key) else {
            return ["stage": FieldError("not_in_pipeline")]
        }
        if before == nil || before?["stage"] != values["stage"] {
            values["probability"] = .integer(Int64(stage.probability))
        } else if let probability = values["probability"]?.integerValue, !(0...100).contains(probability) {
            return ["probability": FieldError("out_of_range", ["min": "0", "max": "100"])]
        }
        values["status"] = .text(stage.outcome.rawValue)
        // A deal's cycle runs from its creation to the day it is won or lost.
        if stage.outcome == .open {
            values["closed_at"] = .null
        } else if before?["status"]?.textValue != stage.outcome.rawValue {
            values["closed_at"] = .integer(context.now)
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
