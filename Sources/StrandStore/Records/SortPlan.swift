import SQLKit
import StrandCore

/// The order a list is read in. A field sorts as (field, updated_at, id); a name by its pinyin
/// key. Some orders read as stretches, one after another, each by one index:
/// - a number or moment that may be empty: the empty ones before the rest (after them when
///   descending), since the databases order NULL differently and compare it with nothing;
/// - the owner: each person's records in the pinyin order of their names, then those nobody
///   owns, so the order is by name though only the owner's id is stored.
struct SortPlan {
    enum Stretch: Equatable {
        case all, values, empty
        case owner(Int64?)
    }

    let column: String
    let descending: Bool
    private let orderColumn: String
    private let mayBeEmpty: Bool
    /// For the owner's order: the people by name.
    private let owners: [Int64]

    static let ownerColumn = "owner_id"

    init(_ sort: ListQuery.Sort, entity: EntityDefinition, descending: Bool, ownersByName: [Int64] = []) {
        self.column = sort.column
        self.descending = descending
        self.orderColumn = SortKeys.orderColumn(sort.column, entity: entity)
        let field = entity.field(sort.column)
        self.mayBeEmpty = field.map { $0.type.storage == .integer && $0.type != .bool } ?? false
        self.owners = ownersByName
    }

    /// The stretches still to read, from the one the cursor is in.
    func stretches(from cursor: Cursor?) -> [Stretch] {
        let ascending: [Stretch] = if self.column == Self.ownerColumn {
            self.owners.map { .owner($0) } + [.owner(nil)]
        } else if self.mayBeEmpty {
            [.empty, .values]
        } else {
            [.all]
        }
        let order = self.descending ? ascending.reversed() : ascending
        guard let cursor else { return order }
        return Array(order.drop { $0 != self.stretch(of: cursor) })
    }

    func stretch(of cursor: Cursor) -> Stretch {
        if self.column == Self.ownerColumn { return .owner(cursor.number) }
        guard self.mayBeEmpty else { return .all }
        return cursor.number == nil && cursor.text == nil ? .empty : .values
    }

    func condition(_ stretch: Stretch) -> (any SQLExpression)? {
        switch stretch {
        case .all: nil
        case .values: SQLQueryString("\(ident: self.orderColumn) IS NOT NULL")
        case .empty, .owner(nil): SQLQueryString("\(ident: self.orderColumn) IS NULL")
        case .owner(let id?): SQLQueryString("\(ident: self.orderColumn) = \(bind: id)")
        }
    }

    func columns(_ stretch: Stretch) -> [String] {
        switch stretch {
        case .empty, .owner: return ["updated_at", "id"]
        case .all, .values:
            if SystemColumn.sortable.contains(self.column) { return self.column == "id" ? ["id"] : [self.column, "id"] }
            return [self.orderColumn, "updated_at", "id"]
        }
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
        let values: [any SQLExpression] = switch (columns.count, stretch) {
        case (1, _): [id]
        case (2, .empty), (2, .owner): [updated, id]
        case (2, _): [value, id]
        default: [value, updated, id]
        }
        let comparison = SQLRaw(self.descending ? "<" : ">")
        return SQLQueryString("\(SQLGroupExpression(SQLList(columns.map { SQLIdentifier($0) }))) \(comparison) \(SQLGroupExpression(SQLList(values)))")
    }
}
