extension EntityDefinition {
    /// Something in a person's calendar (C1): a meeting, call, visit, to-do, email or fax, at a
    /// time or all day, perhaps repeating, linked to the customer, deal or contact it is about.
    /// Its owner is whoever keeps it in their calendar; a private event shows others only as busy.
    public static let event = EntityDefinition(
        key: "event", table: "events", resource: "events", searchCode: 22,
        titleField: "subject", ownership: .owned,
        fields: [
            FieldDefinition("subject", .text).required().maxLength(200).searched(.name).listed().sortable(),
            FieldDefinition("kind", .choice).options(CalendarChoices.eventKinds).required().listed().filterable(),
            FieldDefinition("starts_at", .dateTime).required().listed().sortable().filterable(),
            FieldDefinition("ends_at", .dateTime).listed(),
            FieldDefinition("all_day", .bool),
            FieldDefinition("place", .text).maxLength(200),
            FieldDefinition("customer_id", .link).link("customer").listed().filterable(),
            FieldDefinition("opportunity_id", .link).link("opportunity").filterable(),
            FieldDefinition("contact_id", .link).link("contact"),
            FieldDefinition("repetition", .choice).options(Repetition.allCases.map(\.rawValue)).filterable(),
            FieldDefinition("repeat_until", .date),
            FieldDefinition("private", .bool),
            FieldDefinition("description", .longText),
        ],
        rules: DateRangeRule(from: "starts_at", to: "ends_at"),
        reportIndexes: [["owner_id", "starts_at"]]
    )

    /// Something a person has to do by a day (C4), linked to what it is about; its owner is the
    /// person it is assigned to.
    public static let task = EntityDefinition(
        key: "task", table: "tasks", resource: "tasks", searchCode: 23,
        titleField: "subject", ownership: .owned,
        fields: [
            FieldDefinition("subject", .text).required().maxLength(200).searched(.name).listed().sortable(),
            FieldDefinition("due_date", .date).listed().sortable().filterable(),
            FieldDefinition("priority", .choice).options(CalendarChoices.priorities).listed().filterable().sortable(),
            FieldDefinition("status", .choice).options(CalendarChoices.taskStatuses).listed().filterable().sortable(),
            FieldDefinition("customer_id", .link).link("customer").listed().filterable(),
            FieldDefinition("opportunity_id", .link).link("opportunity").filterable(),
            FieldDefinition("description", .longText),
        ],
        trackedFields: ["owner_id", "status"],
        rules: TaskRules(),
        reportIndexes: [["owner_id", "status", "due_date"]]
    )
}

public enum CalendarChoices {
    public static let eventKinds = ["meeting", "call", "visit", "todo", "email", "fax"]
    public static let priorities = ["low", "normal", "high", "urgent"]
    public static let taskStatuses = ["open", "in_progress", "done", "cancelled"]
}

/// A task left without a priority or status is a normal one, open.
public struct TaskRules: RecordRules {
    public func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?, context: RuleContext) -> [String: FieldError] {
        for (field, standard) in [("priority", "normal"), ("status", "open")] where (values[field]?.textValue ?? "").isEmpty {
            values[field] = .text(standard)
        }
        return [:]
    }
}
