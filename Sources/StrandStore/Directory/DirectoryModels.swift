import StrandCore

public struct User: Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var name: String
    public var departmentId: Int64?
    public var active: Bool
    public var email: String
    public var phone: String
    public var language: String
    public var timeZone: String
    public var roleKeys: [String]
    public var version: Int64
    public var lockedUntil: Int64?
}

public struct Department: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var parentId: Int64?
    public var sortOrder: Int64
    public var version: Int64
    /// Customers its salespeople create wait for a manager's review.
    public var reviewsCustomers = false
}

extension Array where Element == Department {
    /// `root` and every department below it.
    public func subtree(of root: Int64) -> [Int64] {
        var result = [root]
        var frontier = [root]
        while !frontier.isEmpty {
            let children = self.filter { $0.parentId.map(frontier.contains) ?? false }.map(\.id)
            frontier = children.filter { !result.contains($0) }
            result += frontier
        }
        return result
    }

    /// `department` and the departments above it, nearest first.
    public func chain(from department: Int64?) -> [Int64] {
        var result: [Int64] = []
        var next = department
        while let id = next, !result.contains(id) {
            result.append(id)
            next = self.first { $0.id == id }?.parentId
        }
        return result
    }

    /// Departments in tree order with their depth, for indented lists.
    public func tree() -> [(department: Department, depth: Int)] {
        var result: [(Department, Int)] = []
        func walk(_ parent: Int64?, _ depth: Int) {
            for child in self.filter({ $0.parentId == parent }).sorted(by: { ($0.sortOrder, $0.id) < ($1.sortOrder, $1.id) }) {
                result.append((child, depth))
                walk(child.id, depth + 1)
            }
        }
        walk(nil, 0)
        return result
    }
}

/// What is wrong with a password, or nil. bcrypt reads only 72 bytes, so a longer password is
/// refused rather than silently cut.
public enum PasswordPolicy {
    public static let minimumLength = 10
    public static let maximumBytes = 72

    public static func problem(_ password: String) -> FieldError? {
        if password.count < self.minimumLength { return FieldError("password_too_short", ["min": String(self.minimumLength)]) }
        if password.utf8.count > self.maximumBytes { return FieldError("password_too_long", ["max": String(self.maximumBytes)]) }
        return nil
    }
}

extension ListQuery {
    /// A filter on a department also finds the records of the departments below it.
    public func expandingDepartments(_ departments: [Department]) -> ListQuery {
        var query = self
        query.filters = self.filters.map { filter in
            guard filter.column == "department_id", case .equals(let values) = filter.operation else { return filter }
            let ids = Set(values.compactMap(\.integerValue).flatMap { departments.subtree(of: $0) })
            return ListQuery.Filter(column: filter.column, operation: .equals(ids.sorted().map(FieldValue.integer)))
        }
        return query
    }
}
