/// Who a record belongs to, which is what data scopes are evaluated against.
public enum Ownership: Sendable, Equatable {
    /// The record has its own owner and department.
    case owned
    /// The record takes its owner and department from the record its link field points to
    /// (a contact belongs to whoever owns its customer), kept in step by the write pipeline.
    case inherited(from: String)
}

/// The part of the product an entity belongs to: its group in the navigation.
public enum Area: String, Sendable, CaseIterable {
    case customers, sales, commerce, schedule, reports, system
}

/// One entity, described once: this drives its table, validation, API, OpenAPI document, pages,
/// search, permissions and audit.
public struct EntityDefinition: Sendable {
    public let key: String
    public let table: String
    /// The plural path segment of the API and the pages, such as `customers`.
    public let resource: String
    /// A small number that tells this entity's entries apart in the shared search index.
    public let searchCode: Int
    public var fields: [FieldDefinition]
    public let titleField: String
    public let ownership: Ownership
    /// Fields (or `owner_id`) whose every value is kept with when it began and ended, such as
    /// an opportunity's stage (days spent in each) or a customer's owner (ownership history).
    public let trackedFields: [String]
    public let rules: (any RecordRules)?
    /// Times this entity's records stamp on the record they link to.
    public let stamps: [ParentStamp]
    /// Records without an owner wait in a public pool (公海) for someone to claim them.
    public let pooled: Bool
    /// Column lists the entity's reports (a board's totals, a forecast) read without touching
    /// the table: each becomes an index of live records.
    public let reportIndexes: [[String]]
    /// New records made by salespeople in a department that asks for it wait as pending in
    /// the maintained `review` field until a manager approves or rejects them.
    public let reviewed: Bool
    /// The company's reference data (products, price books): everyone reads all of it, and
    /// it is not anyone's to hand over.
    public let catalogue: Bool
    /// Field sets no two live records may share (a product once per price book).
    public let uniqueTogether: [[String]]
    /// A commercial document's statuses, approval and revisions.
    public let documentFlow: DocumentFlow?
    /// Where the record's lines take their prices from, when it prices them.
    public let pricing: PricingSource?
    /// Sums this entity's records keep on the records they link to.
    public let rollups: [Rollup]
    /// Written only through its parent (a contract's payment plan), never one by one.
    public let managedByParent: Bool

    /// Its records take their owner's time (events, with `starts_at`, `ends_at` and a
    /// repetition): saving one over another of the owner's warns of the overlap.
    public let scheduled: Bool
    /// What its records remind their people of, and when (an event's start, a task's due day).
    public let reminder: ReminderAnchor?
    /// A record given to someone by another person tells them so (a task assigned to a colleague).
    public let tellsNewOwner: Bool
    /// Where its list sits in the navigation.
    public private(set) var area = Area.customers
    /// The company's buying side (suppliers, what is owed to them): not a sales rep's to see
    /// unless an administrator grants it.
    public private(set) var purchasing = false
    /// Set when the record's page gathers everything about it (a customer's): a summary of the
    /// fields that matter, the form written most at the top, and one timeline.
    public private(set) var hub: Hub?
    /// The fields a list shows beside the title on a phone, where a row is a card.
    public private(set) var cardFields: [String]?
    /// When set, a departing owner's handover moves only the records whose field holds this
    /// value (an opportunity while it is open); the rest stay, as history, with them.
    public private(set) var handedOverWhile: (field: String, value: String)?

    public init(key: String, table: String, resource: String, searchCode: Int,
                titleField: String, ownership: Ownership, fields: [FieldDefinition],
                trackedFields: [String] = [], rules: (any RecordRules)? = nil,
                stamps: [ParentStamp] = [], pooled: Bool = false, reportIndexes: [[String]] = [], reviewed: Bool = false,
                catalogue: Bool = false, uniqueTogether: [[String]] = [], documentFlow: DocumentFlow? = nil, pricing: PricingSource? = nil,
                rollups: [Rollup] = [], managedByParent: Bool = false, scheduled: Bool = false,
                reminder: ReminderAnchor? = nil, tellsNewOwner: Bool = false) {
        self.key = key
        self.table = table
        self.resource = resource
        self.searchCode = searchCode
        self.titleField = titleField
        self.ownership = ownership
        self.fields = fields
        self.trackedFields = trackedFields
        self.rules = rules
        self.stamps = stamps
        self.pooled = pooled
        self.reportIndexes = reportIndexes
        self.reviewed = reviewed
        self.catalogue = catalogue
        self.uniqueTogether = uniqueTogether
        self.documentFlow = documentFlow
        self.pricing = pricing
        self.rollups = rollups
        self.managedByParent = managedByParent
        self.scheduled = scheduled
        self.reminder = reminder
        self.tellsNewOwner = tellsNewOwner
    }

    public func field(_ key: String) -> FieldDefinition? {
        self.fields.first { $0.key == key }
    }

    public var searchedFields: [FieldDefinition] { self.fields.filter { $0.search != nil } }
    public var listedFields: [FieldDefinition] { self.fields.filter(\.listed) }
    public var duplicateFields: [FieldDefinition] { self.fields.filter(\.duplicateCheck) }
    /// The fields a person fills in; the maintained ones are Strand's.
    public var editableFields: [FieldDefinition] { self.fields.filter { !$0.maintained } }

    /// The link field that gives an inherited record its owner.
    public var ownerLinkField: String? {
        if case .inherited(let field) = self.ownership { return field }
        return nil
    }
}

/// Columns every entity table has besides its fields, with the sorts they allow.
public enum SystemColumn: String, CaseIterable, Sendable {
    case id, version, ownerId = "owner_id", departmentId = "department_id"
    case createdBy = "created_by", updatedBy = "updated_by"
    case createdAt = "created_at", updatedAt = "updated_at", deletedAt = "deleted_at"

    public static let sortable: Set<String> = ["created_at", "updated_at", "id"]
}

extension EntityDefinition {
    /// Whether its forms upload files, and so must be sent as multipart.
    public var hasFiles: Bool { self.fields.contains { $0.type == .files } }
}

/// A time a record writes onto the record it links to, such as a follow-up's time onto its
/// customer's `last_follow_up_at`; the later time wins, so an old follow-up entered late does
/// not make a customer look neglected.
public struct ParentStamp: Sendable {
    public let link: String
    /// The maintained date-time field of the parent that receives the time.
    public let target: String
    /// The field holding the time; nil stamps the time of the write.
    public let source: String?
    /// Stamps only when this field takes this value (an opportunity becoming won).
    public let condition: (field: String, value: String)?

    public init(link: String, target: String, source: String? = nil, when condition: (field: String, value: String)? = nil) {
        self.link = link
        self.target = target
        self.source = source
        self.condition = condition
    }
}

extension EntityDefinition {
    public func inArea(_ area: Area) -> Self {
        var copy = self
        copy.area = area
        return copy
    }

    public func asHub(summary: [String], writeFirst: String? = nil) -> Self {
        var copy = self
        copy.hub = Hub(summary: summary, writeFirst: writeFirst)
        return copy
    }

    public func handedOver(while field: String, is value: String) -> Self {
        var copy = self
        copy.handedOverWhile = (field, value)
        return copy
    }

    public func showingOnCards(_ keys: [String]) -> Self {
        var copy = self
        copy.cardFields = keys
        return copy
    }

    /// What a card shows beside the title: as declared, else the first three listed fields.
    public var cardFieldKeys: Set<String> {
        Set(self.cardFields ?? self.listedFields.filter { $0.key != self.titleField }.prefix(3).map(\.key))
    }

    public func forPurchasing() -> Self {
        var copy = self
        copy.purchasing = true
        return copy
    }
}

/// What a hub page puts first: the fields its summary shows, beside the owner, and the child
/// entity whose add form opens the page (a customer's follow-up).
public struct Hub: Sendable {
    public let summary: [String]
    public let writeFirst: String?
}
