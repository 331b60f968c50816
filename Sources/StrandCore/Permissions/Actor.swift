/// The person a request acts for, with everything permission checks need, loaded once a request.
public struct Actor: Sendable, Equatable {
    public let userId: Int64
    public let departmentId: Int64?
    /// The user's department and every department below it.
    public let departmentTree: [Int64]
    public let roles: [Role]

    public init(userId: Int64, departmentId: Int64?, departmentTree: [Int64], roles: [Role]) {
        self.userId = userId
        self.departmentId = departmentId
        self.departmentTree = departmentTree
        self.roles = roles
    }

    public var isAdmin: Bool { self.roles.contains(where: \.isAdmin) }

    /// The widest scope any of the user's roles grants; an administrator reaches everything,
    /// including entities added after its role was saved.
    public func scope(_ action: Action, on entity: String) -> Scope {
        self.roles.map { $0.isAdmin ? .all : ($0.grants[entity]?[action] ?? .none) }.max() ?? .none
    }

    /// Records shared with the person widen a limited scope: any share for viewing, an edit
    /// share for editing; shares never grant deleting, assigning or exporting.
    public func filter(_ action: Action, on entity: String) -> ScopeFilter {
        var filter = ScopeFilter(scope: self.scope(action, on: entity), actor: self)
        if case .limited = filter.reach, action == .view || action == .edit {
            filter.shares = ScopeFilter.Shares(user: self.userId, editOnly: action == .edit)
        }
        return filter
    }

    public func can(_ action: Action, on entity: String) -> Bool {
        self.scope(action, on: entity) > .none
    }

    /// The loosest restriction any role puts on the field.
    /// Whether any of the user's roles limits a field of `entity` (or the user has no role,
    /// which sees none); when not, every field is theirs in full.
    public func restricts(fieldsOf entity: String) -> Bool {
        self.roles.isEmpty || self.roles.contains { !($0.fieldAccess[entity]?.isEmpty ?? true) }
    }

    public func access(to field: String, of entity: String) -> FieldAccess {
        // Without building an array: an import asks this for every field of every row.
        var widest: FieldAccess?
        for role in self.roles {
            let access = role.fieldAccess[entity]?[field] ?? .full
            if widest.map({ access > $0 }) ?? true { widest = access }
        }
        return widest ?? .hidden
    }
}

/// A scope made concrete for one actor: which records it reaches. The store turns it into SQL
/// and the write checks use `allows`, so both read the same rule.
public struct ScopeFilter: Sendable, Equatable {
    public enum Reach: Sendable, Equatable {
        case nothing
        case everything
        /// Records owned by `owner`, or in any of `departments`.
        case limited(owner: Int64, departments: [Int64])
        /// The unowned records waiting in one public pool, which its members may see.
        case pool(Int64)
    }

    /// Records shared with a collaborator (协作人), which they reach besides their scope.
    public struct Shares: Sendable, Equatable {
        public let user: Int64
        /// Only shares that allow editing count.
        public let editOnly: Bool
    }

    public let reach: Reach
    /// Shared records the filter reaches too; checked by record, so `allows` leaves them out.
    public var shares: Shares?

    public init(_ reach: Reach) { self.reach = reach }

    public init(scope: Scope, actor: Actor) {
        switch scope {
        case .none: self.reach = .nothing
        case .own: self.reach = .limited(owner: actor.userId, departments: [])
        case .department:
            self.reach = .limited(owner: actor.userId, departments: actor.departmentId.map { [$0] } ?? [])
        case .departmentTree: self.reach = .limited(owner: actor.userId, departments: actor.departmentTree)
        case .all: self.reach = .everything
        }
    }

    public func allows(owner: Int64?, department: Int64?) -> Bool {
        switch self.reach {
        case .nothing: return false
        case .everything: return true
        case .limited(let me, let departments):
            if let owner, owner == me { return true }
            if let department { return departments.contains(department) }
            return false
        case .pool: return owner == nil
        }
    }
}
