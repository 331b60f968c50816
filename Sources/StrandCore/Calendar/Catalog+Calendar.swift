import Foundation

extension EntityDefinition {
    /// Something in a person's calendar (C1): a meeting, call, visit, to-do, email or fax, at a
    /// time or all day, perhaps repeating, linked to the customer, deal or contact it is about.
    /// Its owner is whoever keeps it in their calendar; a private event shows others only as busy.
    public static let event = EntityDefinition(
        key: EntityKey.event, table: "events", resource: "events", searchCode: 22,
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
            FieldDefinition("participants", .people),
            FieldDefinition("repetition", .choice).options(Repetition.allCases.map(\.rawValue)).filterable(),
            FieldDefinition("repeat_until", .date),
            FieldDefinition("time_zone", .text).maintainedByStrand(),
            FieldDefinition("multi_day", .bool).maintainedByStrand(),
            FieldDefinition("private", .bool),
            FieldDefinition("description", .longText),
        ],
        rules: EventRules(),
        // A calendar: each person's single events by start, the few lasting over a day apart
        // (a window looks back a day for the others, a month for those), and their repeating ones.
        // Both carry what a calendar shows, so a week is read from a few index pages instead
        // of a page of the table for every event.
        reportIndexes: [["owner_id", "multi_day", "repetition", "starts_at"] + EventRules.shownColumns,
                        ["owner_id", "repeat_until", "repetition", "starts_at"] + EventRules.shownColumns.filter { $0 != "repeat_until" }],
        scheduled: true,
        reminder: ReminderAnchor(field: "starts_at")
    ).inArea(.schedule)

    /// Something a person has to do by a day (C4), linked to what it is about; its owner is the
    /// person it is assigned to.
    public static let task = EntityDefinition(
        key: EntityKey.task, table: "tasks", resource: "tasks", searchCode: 23,
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
        reportIndexes: [["owner_id", "status", "due_date"]],
        reminder: ReminderAnchor(field: "due_date", finishedWhen: ("status", ["done", "cancelled"])),
        tellsNewOwner: true
    ).inArea(.schedule)
}

/// An event ends when it starts or later, within `longest` (the calendar finds events by their
/// start); without an end it is an instant. It keeps the time zone it was planned in, whose wall
/// clock its repetitions follow.
public struct EventRules: RecordRules {
    /// What a calendar reads of an event beside its owner and start.
    public static let shownColumns = ["ends_at", "all_day", "private", "department_id", "repeat_until", "time_zone", "kind", "subject", "place", "participants"]

    public static let longest: Int64 = 31 * 86_400_000
    /// Longer than this, an event is `multi_day`.
    public static let day: Int64 = 86_400_000

    public func apply(to values: inout [String: FieldValue], before: [String: FieldValue]?, context: RuleContext) -> [String: FieldError] {
        guard let start = values["starts_at"]?.integerValue else { return [:] }
        let end = values["ends_at"]?.integerValue ?? start
        values["ends_at"] = .integer(end)
        if end < start { return ["ends_at": FieldError("before_start")] }
        if end - start > Self.longest { return ["ends_at": FieldError("event_too_long", ["days": "31"])] }
        values["multi_day"] = .bool(end - start > Self.day)
        if (values["time_zone"]?.textValue ?? "").isEmpty { values["time_zone"] = .text(context.timeZone.identifier) }
        if let until = values["repeat_until"]?.textValue, !until.isEmpty,
           until < DateTimeText.day(start, timeZone: TimeZone(identifier: values["time_zone"]?.textValue ?? "") ?? context.timeZone).description {
            return ["repeat_until": FieldError("before_start")]
        }
        return [:]
    }
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
