import SQLKit
import StrandCore

/// The order a list is read in. A field sorts as (field, updated_at, id); a name by its pinyin
/// key. A number or moment that may be empty reads as two stretches, the empty ones before the
/// rest (after them when descending), each by one index: the databases order NULL differently
/// and compare it with nothing, so it cannot sit in one key with the values.
struct SortPlan {
    enum Stretch: Equatable { case all, values, empty }

    let column: String
    let descending: Bool
    private let orderColumn: String
    private let mayBeEmpty: Bool

    init(_ sort: ListQuery.Sort, entity: EntityDefinition, descending: Bool) {
        self.column = sort.column
        self.descending = descending
        self.orderColumn = SortKeys.orderColumn(sort.column, entity: entity)
        let field = entity.field(sort.column)
        self.mayBeEmpty = field.map { $0.type.storage == .integer && $0.type != .bool } ?? false
    }

    /// The stretches still to read, from the one the cursor is in.
    func stretches(from cursor: Cursor?) -> [Stretch] {
        guard self.mayBeEmpty else { return [.all] }
        let order: [Stretch] = self.descending ? [.values, .empty] : [.empty, .values]
        guard let cursor else { return order }
        return Array(order.drop { $0 != self.stretch(of: cursor) })
    }

    func stretch(of cursor: Cursor) -> Stretch {
        guard self.mayBeEmpty else { return .all }
        return cursor.number == nil && cursor.text == nil ? .empty : .values
    }

    func condition(_ stretch: Stretch) -> (any SQLExpression)? {
        switch stretch {
        case .all: nil
        case .values: SQLQueryString("\(ident: self.orderColumn) IS NOT NULL")
        case .empty: SQLQueryString("\(ident: self.orderColumn) IS NULL")
        }
    }

    func columns(_ stretch: Stretch) -> [String] {
        if SystemColumn.sortable.contains(self.column) { return self.column == "id" ? ["id"] : [self.column, "id"] }
        return stretch == .empty ? ["updated_at", "id"] : [self.orderColumn, "updated_at", "id"]
    }

    func order(_ stretch: Stretch) -> SQLList {
        let direction = SQLRaw(self.descending ? "DESC" : "ASC")
        return SQLList(self.columns(stretch).map { SQLQueryString("\(ident: $0) \(direction)") as any SQLExpression })
    }

    /// Rows strictly after the cursor in the order being read, within the cursor's stretch.
    func after(_ cursor: Cursor, in stretch: Stretch) -> SQLQueryString {
        let columns = self.columns(stretch)
        let value: any SQLExpression = cursor.text.map { SQLBind($0) } ?? SQLBind(cursor.number ?? 0)
        let (updated, id) = (SQLBind(cursor.updated ?? 0), SQLBind(cursor.id))
        let values: [any SQLExpression] = switch columns.count {
        case 1: [id]
        case 2: stretch == .empty ? [updated, id] : [value, id]
        default: [value, updated, id]
        }
        let comparison = SQLRaw(self.descending ? "<" : ">")
        return SQLQueryString("\(SQLGroupExpression(SQLList(columns.map { SQLIdentifier($0) }))) \(comparison) \(SQLGroupExpression(SQLList(values)))")
    }
}
