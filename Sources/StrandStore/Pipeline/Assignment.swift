import Foundation
import SQLKit
import StrandCore

/// The territories and which entities they assign automatically: one document among the
/// settings, read inside the transaction that assigns.
public enum AssignmentStore {
    static let key = "assignment"

    public static func load(db: any SQLDatabase) async throws -> AssignmentSetup {
        try await Settings.document(self.key, fallback: AssignmentSetup(), db: db)
    }

    public static func save(_ setup: AssignmentSetup, context: WriteContext, database: StoreDatabase) async throws {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        try await database.write { db in
            try await self.validate(setup, db: db)
            try await Settings.setDocument(self.key, setup, auditAs: "territories", context: context, db: db)
        }
    }

    /// Every territory is named, says where it reaches and names someone who can take records.
    static func validate(_ setup: AssignmentSetup, db: any SQLDatabase) async throws {
        var errors: [String: FieldError] = [:]
        if setup.automatic.contains(where: { !AssignmentSetup.assignable.contains($0) }) { errors["automatic"] = FieldError("not_an_option") }
        let users = Dictionary(uniqueKeysWithValues: try await Directory.users(db: db).map { ($0.id, $0) })
        let departments = Set(try await Directory.departments(db: db).map(\.id))
        for territory in setup.territories {
            let name = territory.name.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { errors["name"] = FieldError("required") }
            if name.count > 50 { errors["name"] = FieldError("too_long", ["max": "50"]) }
            if territory.provinces.isEmpty && territory.cities.isEmpty && territory.industries.isEmpty {
                errors["provinces"] = FieldError("territory_empty")
            }
            switch territory.assignee {
            case .user(let id) where users[id]?.active != true: errors["assignee"] = FieldError("inactive_user")
            case .department(let id) where !departments.contains(id): errors["assignee"] = FieldError("not_found")
            default: break
            }
        }
        guard errors.isEmpty else { throw RecordError.invalid(ValidationFailure(errors)) }
    }
}

/// Whose turn it is in a department: a round robin over its active members that carries on
/// from the last record dealt, whoever dealt it.
enum Turns {
    /// The members (among `users`) who take the next `count` records, one per record, in turn.
    static func next(_ count: Int, entity: String, department: Int64, users: [User], dialect: Dialect,
                     db: any SQLDatabase) async throws -> [User] {
        let members = self.members(of: department, among: users)
        guard !members.isEmpty else {
            throw RecordError.invalid(ValidationFailure(["department_id": FieldError("no_active_members")]))
        }
        guard count > 0 else { return [] }
        let turn = "turn.\(entity).\(department)"
        let last = try await Settings.lockedValue(turn, dialect: dialect, db: db).flatMap { Int64($0) } ?? 0
        let start = members.firstIndex { $0.id > last } ?? 0
        let takers = (0..<count).map { members[(start + $0) % members.count] }
        try await Settings.set(turn, String(takers.last!.id), db: db)
        return takers
    }

    static func members(of department: Int64, among users: [User]) -> [User] {
        users.filter { $0.active && $0.departmentId == department }.sorted { $0.id < $1.id }
    }
}

extension RecordService {
    /// The person each record goes to by the territories, or nil where none matches; a
    /// department's records are dealt out in turn among its active members. A territory whose
    /// person left, or whose department has nobody active, refuses; `lenient` passes it by.
    func territoryOwners(_ entity: EntityDefinition, _ records: [Record], setup: AssignmentSetup, lenient: Bool = false,
                         db: any SQLDatabase) async throws -> [User?] {
        let territories = records.map { setup.territory(for: $0.values) }
        var owners = [User?](repeating: nil, count: records.count)
        guard territories.contains(where: { $0 != nil }) else { return owners }
        let users = try await Directory.users(db: db)
        for (assignee, indices) in Dictionary(grouping: records.indices.filter { territories[$0] != nil }, by: { territories[$0]!.assignee }) {
            switch assignee {
            case .user(let id):
                guard let user = users.first(where: { $0.id == id }), user.active else {
                    if lenient { continue }
                    throw RecordError.invalid(ValidationFailure(["assignee": FieldError("inactive_user")]))
                }
                for index in indices { owners[index] = user }
            case .department(let id):
                if lenient, Turns.members(of: id, among: users).isEmpty { continue }
                let takers = try await Turns.next(indices.count, entity: entity.key, department: id, users: users,
                                                  dialect: self.database.dialect, db: db)
                for (index, user) in zip(indices, takers) { owners[index] = user }
            }
        }
        return owners
    }

    /// New records created without a named owner go to their territory when their entity is
    /// assigned automatically: the administrator's rule decides, not the creator's rights.
    func assignNew(_ entity: EntityDefinition, _ records: [Record], context: WriteContext, db: any SQLDatabase) async throws -> [Record] {
        guard AssignmentSetup.assignable.contains(entity.key), !records.isEmpty else { return records }
        let setup = try await AssignmentStore.load(db: db)
        guard setup.automatic.contains(entity.key) else { return records }
        let owners = try await self.territoryOwners(entity, records, setup: setup, lenient: true, db: db)
        var placed = records
        for (index, record) in records.enumerated() {
            guard let user = owners[index], user.id != record.ownerId else { continue }
            try await self.reassign(entity, [record], to: RecordPosition(owner: user.id, department: user.departmentId),
                                    action: .assign, note: "territory", context: context, db: db)
            placed[index] = try await RecordStore.find(entity, id: record.id, scope: ScopeFilter(.everything), db: db) ?? record
        }
        return placed
    }

    /// Gives owned records to their territories' people, as someone who may assign both where
    /// they are and where they go; records no territory matches stay where they are.
    public func assignByTerritory(_ entity: EntityDefinition, ids: [Int64], context: WriteContext) async throws -> Int {
        let ids = try Self.batch(ids)
        guard AssignmentSetup.assignable.contains(entity.key) else { throw RecordError.forbidden }
        return try await self.database.write { db in
            let records = try await self.editable(entity, ids: ids, action: .assign, context: context, db: db)
            let owners = try await self.territoryOwners(entity, records, setup: try await AssignmentStore.load(db: db), db: db)
            return try await self.deal(entity, records, to: owners, action: .assign, context: context, db: db)
        }
    }

    /// Moves each record to its person (none: it stays), grouped so each person is one write;
    /// returns how many moved.
    func deal(_ entity: EntityDefinition, _ records: [Record], to owners: [User?], action: AuditAction,
              context: WriteContext, db: any SQLDatabase) async throws -> Int {
        let moving = records.indices.filter { owners[$0] != nil && owners[$0]!.id != records[$0].ownerId }
        for (_, indices) in Dictionary(grouping: moving, by: { owners[$0]!.id }).sorted(by: { $0.key < $1.key }) {
            let user = owners[indices[0]]!
            let target = RecordPosition(owner: user.id, department: user.departmentId)
            guard context.actor.filter(.assign, on: entity.key).allows(owner: target.owner, department: target.department) else {
                throw RecordError.forbidden
            }
            try await self.reassign(entity, indices.map { records[$0] }, to: target, action: action, context: context, db: db)
        }
        return moving.count
    }
}
