import SQLKit
import StrandCore

/// A list of conditions rendered as `a AND b AND ...`, so queries are assembled from parts
/// that each bind their own values.
struct SQLConditions {
    private(set) var parts: [any SQLExpression] = []

    mutating func add(_ condition: any SQLExpression) {
        self.parts.append(condition)
    }

    mutating func add(_ condition: SQLQueryString) {
        self.parts.append(condition)
    }

    var expression: any SQLExpression {
        self.parts.isEmpty ? SQLRaw("1 = 1") : SQLList(self.parts.map { SQLGroupExpression($0) }, separator: SQLRaw(" AND "))
    }
}

extension SQLGroupExpression {
    /// `(?, ?, ...)` with each value bound, for `IN` lists. No values is `(NULL)`, which matches
    /// nothing: PostgreSQL refuses an empty `IN ()`, where SQLite takes it.
    static func binds<T: Encodable & Sendable>(_ values: [T]) -> SQLGroupExpression {
        guard !values.isEmpty else { return SQLGroupExpression(SQLRaw("NULL")) }
        return SQLGroupExpression(SQLList(values.map { SQLBind($0) }))
    }
}

extension ScopeFilter {
    /// The same rule as `allows(owner:department:)`, as SQL on a table with `owner_id` and
    /// `department_id`.
    var condition: any SQLExpression {
        switch self.reach {
        case .nothing: return SQLRaw("1 = 0")
        case .everything: return SQLRaw("1 = 1")
        case .limited(let owner, let departments):
            guard !departments.isEmpty else { return SQLQueryString("owner_id = \(bind: owner)") }
            return SQLQueryString("owner_id = \(bind: owner) OR department_id IN \(SQLGroupExpression.binds(departments))")
        case .pool(let pool):
            return SQLQueryString("owner_id IS NULL AND pool_id = \(bind: pool)")
        }
    }
}

extension ScopeFilter {
    /// `condition` on the entity's table, with the records shared with the reader: shared
    /// themselves, or (a contact, a follow-up) belonging to a shared record.
    func condition(on entity: EntityDefinition) -> any SQLExpression {
        guard let shared = self.shared(on: entity) else { return self.condition }
        return SQLQueryString("\(self.condition) OR \(shared)")
    }

    /// The records shared with the reader, alone: `id IN (...)`, or `<parent link> IN (...)`.
    func shared(on entity: EntityDefinition) -> (any SQLExpression)? {
        guard let shares = self.shares else { return nil }
        let (column, sharedEntity) = entity.ownerLinkField.flatMap { link in entity.field(link)?.linkTo.map { (link, $0) } } ?? ("id", entity.key)
        return SQLQueryString("\(ident: column) IN \(RecordShares.sharedIds(sharedEntity, with: shares))")
    }

    /// `condition(on:)` as parts that each read one index in update order (each department,
    /// the person's own records, the shared ones), which may overlap; nil when one part would
    /// do, or too many departments would make too many reads.
    func orderedParts(on entity: EntityDefinition) -> [any SQLExpression]? {
        guard case .limited(let owner, let departments) = self.reach, !departments.isEmpty || self.shares != nil,
              departments.count <= 8 else { return nil }
        var parts: [any SQLExpression] = departments.map { SQLQueryString("department_id = \(bind: $0)") }
        parts.append(SQLQueryString("owner_id = \(bind: owner)"))
        if let shared = self.shared(on: entity) { parts.append(shared) }
        return parts
    }

    /// `condition` as parts no record meets twice: a manager's department records, and their
    /// own records elsewhere. An OR over two indexes reads every row; each part reads one index.
    var disjointConditions: [any SQLExpression] {
        guard case .limited(let owner, let departments) = self.reach, !departments.isEmpty else { return [self.condition] }
        let list = SQLGroupExpression.binds(departments)
        return [SQLQueryString("department_id IN \(list)"),
                SQLQueryString("owner_id = \(bind: owner) AND (department_id IS NULL OR department_id NOT IN \(list))")]
    }
}
