extension EntityDefinition {
    public static let customer = EntityDefinition(
        key: EntityKey.customer, table: "customers", resource: "customers", searchCode: 1,
        titleField: "name", ownership: .owned,
        fields: [
            FieldDefinition("name", .text).required().searched(.name).listed().sortable().duplicateChecked(),
            FieldDefinition("type", .choice).options(["direct", "channel", "key_account", "individual"])
                .listed().filterable().sortable(),
            FieldDefinition("status", .choice).options(["potential", "active", "won", "dormant", "lost"])
                .listed().filterable().sortable(),
            FieldDefinition("grade", .choice).options(["A", "B", "C", "D"]).listed().filterable().sortable(),
            FieldDefinition("industry", .choice).options(CustomerChoices.industries).filterable(),
            FieldDefinition("source", .choice).options(CustomerChoices.sources).filterable(),
            FieldDefinition("province", .text).maxLength(30).listed().filterable().sortable(),
            FieldDefinition("city", .text).maxLength(30).listed().filterable().sortable(),
            FieldDefinition("district", .text).maxLength(30).filterable(),
            FieldDefinition("address", .text),
            FieldDefinition("credit_code", .text).maxLength(18).format(.creditCode).searched(.code).duplicateChecked(),
            FieldDefinition("phone", .phone).searched(.phone).listed().sortable().duplicateChecked(),
            FieldDefinition("email", .email).searched(.email).duplicateChecked(),
            FieldDefinition("website", .url),
            FieldDefinition("tags", .choices).filterable(),
            FieldDefinition("notes", .longText),
            FieldDefinition("last_follow_up_at", .dateTime).maintainedByStrand().listed().sortable(),
            FieldDefinition("last_won_at", .dateTime).maintainedByStrand(),
            FieldDefinition("review", .choice).options(ReviewState.allCases.map(\.rawValue)).filterable().maintainedByStrand(),
            FieldDefinition("review_comment", .text).maxLength(500).maintainedByStrand(),
        ],
        trackedFields: ["owner_id"],
        pooled: true,
        // The new customers waiting for a manager's review, newest first; a person's new ones (the workbench).
        reportIndexes: [["review", "updated_at", "id"], ["owner_id", "created_at"]],
        reviewed: true
    ).asHub(summary: ["status", "grade", "last_follow_up_at"], writeFirst: "follow_up")
        .showingOnCards(["status", "phone", "last_follow_up_at"])

    public static let contact = EntityDefinition(
        key: EntityKey.contact, table: "contacts", resource: "contacts", searchCode: 2,
        titleField: "name", ownership: .inherited(from: "customer_id"),
        fields: [
            FieldDefinition("customer_id", .link).link("customer").required().listed().filterable(),
            FieldDefinition("name", .text).required().maxLength(50).searched(.name).listed().sortable(),
            FieldDefinition("position", .text).maxLength(50).listed(),
            FieldDefinition("reports_to_id", .link).link("contact"),
            FieldDefinition("mobile", .phone).searched(.phone).listed().duplicateChecked(within: "customer_id"),
            FieldDefinition("phone", .phone).searched(.phone),
            FieldDefinition("email", .email).searched(.email).listed().duplicateChecked(within: "customer_id"),
            FieldDefinition("wechat", .text).maxLength(50),
            FieldDefinition("birthday", .date),
            FieldDefinition("birthday_lunar", .bool),
            FieldDefinition("anniversary", .date),
            FieldDefinition("is_primary", .bool).oneWithin("customer_id").listed().filterable(),
            FieldDefinition("next_birthday", .date).maintainedByStrand(),
            FieldDefinition("next_anniversary", .date).maintainedByStrand(),
        ],
        rules: CareRules(),
        // The days coming round, by day (the daily care reminders, a person's care list); not by
        // owner, so that moving customers between owners leaves these indexes alone.
        reportIndexes: [["next_birthday"], ["next_anniversary"]]
    )

    public static let followUp = EntityDefinition(
        key: EntityKey.followUp, table: "follow_ups", resource: "follow_ups", searchCode: 3,
        titleField: "content", ownership: .inherited(from: "customer_id"),
        fields: [
            FieldDefinition("customer_id", .link).link("customer").required().listed().filterable(),
            FieldDefinition("contact_id", .link).link("contact"),
            FieldDefinition("happened_at", .dateTime).required().listed().sortable(),
            FieldDefinition("method", .choice).options(["visit", "call", "email", "message", "other"])
                .required().listed().filterable(),
            FieldDefinition("phase", .choice).options(["pre_sale", "in_sale", "after_sale"]).listed().filterable(),
            FieldDefinition("content", .longText).required().listed(),
            FieldDefinition("next_step", .text),
            FieldDefinition("next_date", .date).filterable(),
            FieldDefinition("attachments", .files),
        ],
        stamps: [ParentStamp(link: "customer_id", target: "last_follow_up_at", source: "happened_at")],
        // A person's follow-ups by when they happened and by the call-backs they promise (the workbench, the calendar).
        reportIndexes: [["owner_id", "happened_at"], ["owner_id", "next_date"]],
        // The call-back it promises.
        reminder: ReminderAnchor(field: "next_date")
    )
}

/// Where a reviewed record stands; records that needed no review have none.
public enum ReviewState: String, Sendable, CaseIterable {
    case pending, approved, rejected
}

public enum CustomerChoices {
    public static let industries = [
        "manufacturing", "it", "finance", "retail", "construction", "education",
        "healthcare", "logistics", "energy", "government", "other",
    ]
    public static let sources = ["referral", "website", "exhibition", "cold_call", "advertising", "partner", "other"]
}
