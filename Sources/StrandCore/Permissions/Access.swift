public enum Action: String, Sendable, CaseIterable, Codable {
    case view, create, edit, delete, export, assign
}

/// How far a grant reaches, narrowest first; when roles overlap the widest wins.
public enum Scope: String, Sendable, CaseIterable, Codable, Comparable {
    case none, own, department, departmentTree = "department_tree", all

    var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

public enum FieldAccess: String, Sendable, Codable, Comparable {
    case hidden, readOnly = "read_only", full

    public static func < (lhs: Self, rhs: Self) -> Bool {
        [Self.hidden, .readOnly, .full].firstIndex(of: lhs)! < [Self.hidden, .readOnly, .full].firstIndex(of: rhs)!
    }
}

/// A role: per entity and action a scope, and per field a restriction.
public struct Role: Sendable, Codable, Equatable {
    public var key: String
    public var name: String
    public var grants: [String: [Action: Scope]]
    /// Restricted fields per entity; a field not named here is fully accessible.
    public var fieldAccess: [String: [String: FieldAccess]]
    /// May change settings and manage users, departments and roles.
    public var isAdmin: Bool

    public init(key: String, name: String, grants: [String: [Action: Scope]],
                fieldAccess: [String: [String: FieldAccess]] = [:], isAdmin: Bool = false) {
        self.key = key
        self.name = name
        self.grants = grants
        self.fieldAccess = fieldAccess
        self.isAdmin = isAdmin
    }
}
