import SQLKit
import StrandCore

public enum ListError: Error, Sendable, Equatable {
    case badSort(String)
    case badFilter(String)
    /// A request parameter with a value it cannot have (a `limit` of 0, a version that is no number).
    case badValue(String)
}

/// Turns a `ListQuery` into checked SQL parts: only known columns are sorted and filtered by.
enum ListPlan {
    static let systemFilters: Set<String> = ["owner_id", "department_id", "created_at", "updated_at", "created_by"]

    static func checkedSort(_ sort: ListQuery.Sort, entity: EntityDefinition) throws -> ListQuery.Sort {
        let allowed = SystemColumn.sortable.contains(sort.column) || entity.field(sort.column)?.sortable == true
            || (sort.column == SortPlan.ownerColumn && entity.ownership == .owned)
        guard allowed else { throw ListError.badSort(sort.column) }
        return sort
    }

    static func isTextColumn(_ column: String, entity: EntityDefinition) -> Bool {
        entity.field(column)?.type.storage == .text
    }

    static func conditions(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter,
                           dialect: Dialect) throws -> SQLConditions {
        try self.conditions(entity, query: query, scopeCondition: scope.condition(on: entity), dialect: dialect)
    }

    /// The same selection as parts that select disjoint sets of records, one per part of the
    /// scope, so that a total over each part reads one index and the parts add up.
    static func disjointConditions(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter,
                                   dialect: Dialect) throws -> [SQLConditions] {
        try scope.disjointConditions.map { try self.conditions(entity, query: query, scopeCondition: $0, dialect: dialect) }
    }

    static func conditions(_ entity: EntityDefinition, query: ListQuery, scopeCondition: any SQLExpression,
                           dialect: Dialect, searchPlan: ListSearch.Plan = .amongMatches) throws -> SQLConditions {
        var conditions = SQLConditions()
        conditions.add(SQLRaw(query.deleted ? "deleted_at IS NOT NULL" : "deleted_at IS NULL"))
        conditions.add(scopeCondition)
        for filter in query.filters {
            guard self.systemFilters.contains(filter.column) || entity.field(filter.column)?.filterable == true else {
                throw ListError.badFilter(filter.column)
            }
            conditions.add(self.condition(filter, field: entity.field(filter.column)))
        }
        if let search = query.search, !SearchTerms.queryWords(search).isEmpty {
            conditions.add(ListSearch.condition(search, plan: searchPlan, entity: entity, dialect: dialect))
        }
        return conditions
    }

    static func condition(_ filter: ListQuery.Filter, field: FieldDefinition?) -> any SQLExpression {
        let column = SQLIdentifier(filter.column)
        switch filter.operation {
        case .equals(let values) where field?.type == .choices:
            let tags = values.compactMap(\.textValue).map { SQLQueryString("\(column) LIKE \(bind: "%|" + $0 + "|%")") as any SQLExpression }
            return tags.isEmpty ? SQLRaw("1 = 0") : SQLList(tags, separator: SQLRaw(" OR "))
        // A filter none of whose values the field can hold matches nothing (PostgreSQL refuses `IN ()`).
        case .equals(let values) where values.isEmpty:
            return SQLRaw("1 = 0")
        case .equals(let values):
            let binds = values.map { $0.sqlExpression }
            return SQLQueryString("\(column) IN \(SQLGroupExpression(SQLList(binds)))")
        case .contains(let text):
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            return SQLQueryString("\(column) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'")
        case .between(let low, let high):
            var parts: [any SQLExpression] = []
            if let low { parts.append(SQLQueryString("\(column) >= \(low.sqlExpression)")) }
            if let high { parts.append(SQLQueryString("\(column) <= \(high.sqlExpression)")) }
            return parts.isEmpty ? SQLRaw("1 = 1") : SQLList(parts, separator: SQLRaw(" AND "))
        }
    }

    static func cursor(at record: Record, column: String, entity: EntityDefinition, backward: Bool) -> Cursor {
        if let field = entity.field(column), field.sortsByPinyin {
            return Cursor(text: SortKeys.key(record[column].textValue ?? ""), updated: record.updatedAt, id: record.id, backward: backward)
        }
        return switch column {
        case SortPlan.ownerColumn: Cursor(number: record.ownerId, updated: record.updatedAt, id: record.id, backward: backward)
        case "updated_at": Cursor(number: record.updatedAt, id: record.id, backward: backward)
        case "created_at": Cursor(number: record.createdAt, id: record.id, backward: backward)
        case "id": Cursor(number: record.id, id: record.id, backward: backward)
        default:
            switch record[column] {
            case .text(let text): Cursor(text: text, updated: record.updatedAt, id: record.id, backward: backward)
            case .integer(let number): Cursor(number: number, updated: record.updatedAt, id: record.id, backward: backward)
            case .bool(let flag): Cursor(number: flag ? 1 : 0, updated: record.updatedAt, id: record.id, backward: backward)
            case .null, .list: Cursor(updated: record.updatedAt, id: record.id, backward: backward)
            }
        }
    }
}
