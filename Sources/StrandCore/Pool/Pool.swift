/// A public pool (公海): the customers nobody owns, who may take them and under which rules.
public struct Pool: Sendable, Equatable {
    public struct Member: Sendable, Equatable, Hashable {
        public enum Kind: String, Sendable { case user, department }
        public let kind: Kind
        public let id: Int64
        /// Administrators assign the pool's customers to people.
        public let isAdmin: Bool

        public init(_ kind: Kind, _ id: Int64, isAdmin: Bool = false) {
            (self.kind, self.id, self.isAdmin) = (kind, id, isAdmin)
        }
    }

    public var id: Int64
    public var name: String
    public var rules: PoolRules
    /// Takes everyone who belongs to no other pool.
    public var isDefault: Bool
    public var members: [Member]
    public var version: Int64

    public init(id: Int64, name: String, rules: PoolRules, isDefault: Bool, members: [Member], version: Int64 = 1) {
        (self.id, self.name, self.rules, self.isDefault, self.members, self.version) = (id, name, rules, isDefault, members, version)
    }

    public func isAdmin(_ userId: Int64) -> Bool {
        self.members.contains { $0.kind == .user && $0.id == userId && $0.isAdmin }
    }
}

extension Array where Element == Pool {
    /// The pools a person works from, nearest first: where they are named themselves, then
    /// where their department or the nearest department above it is, then the default pool.
    /// `departmentChain` is the person's department and those above it, nearest first.
    public func pools(forUser userId: Int64, departmentChain: [Int64]) -> [Pool] {
        var found = self.filter { pool in pool.members.contains { $0.kind == .user && $0.id == userId } }
        for department in departmentChain {
            found += self.filter { pool in !found.contains(pool) && pool.members.contains { $0.kind == .department && $0.id == department } }
        }
        if found.isEmpty, let fallback = self.first(where: \.isDefault) { found.append(fallback) }
        return found
    }

    /// The pool a person's customers go back to.
    public func home(forUser userId: Int64, departmentChain: [Int64]) -> Pool? {
        self.pools(forUser: userId, departmentChain: departmentChain).first
    }
}
