import SQLKit
import StrandCore

/// What a collaborator may do with a record shared with them.
public enum ShareAccess: String, Sendable, CaseIterable {
    case read, edit
}

public struct Share: Sendable, Equatable {
    public let userId: Int64
    public let access: ShareAccess
    public let createdBy: Int64?
    public let createdAt: Int64
}

/// Records shared with collaborators (协作人): a salesperson brings a colleague onto a customer
/// or a deal without giving it away. A share reaches the record and what belongs to it (a
/// shared customer's contacts and follow-ups); the data scope adds shared records to what a
/// person sees (`ScopeFilter.shares`), and an edit share lets them change the record.
enum RecordShares {
    /// `(SELECT record_id ...)`: the ids of `entity`'s records shared with the person.
    static func sharedIds(_ entity: String, with shares: ScopeFilter.Shares) -> any SQLExpression {
        let access = SQLRaw(shares.editOnly ? " AND access = 'edit'" : "")
        return SQLQueryString("(SELECT record_id FROM record_shares WHERE user_id = \(bind: shares.user) AND entity = \(bind: entity)\(access))")
    }

    static func access(_ entity: String, _ recordId: Int64, user: Int64, db: any SQLDatabase) async throws -> ShareAccess? {
        let row = try await db.raw("""
            SELECT access FROM record_shares WHERE entity = \(bind: entity) AND record_id = \(bind: recordId) AND user_id = \(bind: user)
            """).first()
        return try row.flatMap { ShareAccess(rawValue: try $0.decode(column: "access", as: String.self)) }
    }

    /// Whether the filter reaches the record: by its scope, or by a share of the record (or
    /// of its parent) that the filter counts (any share for viewing, an edit share for editing).
    static func reach(_ filter: ScopeFilter, _ entity: EntityDefinition, _ record: Record, db: any SQLDatabase) async throws -> Bool {
        if filter.allows(owner: record.ownerId, department: record.departmentId) { return true }
        guard let shares = filter.shares else { return false }
        let (sharedEntity, sharedId): (String, Int64?) = entity.ownerLinkField.flatMap { link in
            entity.field(link)?.linkTo.map { ($0, record[link].integerValue) }
        } ?? (entity.key, record.id)
        guard let sharedId, let access = try await self.access(sharedEntity, sharedId, user: shares.user, db: db) else { return false }
        return !shares.editOnly || access == .edit
    }

    static func list(_ entity: String, _ recordId: Int64, db: any SQLDatabase) async throws -> [Share] {
        try await db.raw("""
            SELECT user_id, access, created_by, created_at FROM record_shares
            WHERE entity = \(bind: entity) AND record_id = \(bind: recordId) ORDER BY created_at, user_id
            """).all().map { row in
            Share(userId: try row.decode(column: "user_id", as: Int64.self),
                  access: ShareAccess(rawValue: try row.decode(column: "access", as: String.self)) ?? .read,
                  createdBy: try row.integer("created_by"), createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }
}

extension StoreDatabase {
    /// The people a record is shared with.
    public func shares(_ entity: EntityDefinition, recordId: Int64) async throws -> [Share] {
        try await self.read { try await RecordShares.list(entity.key, recordId, db: $0) }
    }

    /// Whether the actor may change the record: by their scope, or by an edit share.
    public func mayEdit(_ entity: EntityDefinition, _ record: Record, actor: Actor) async throws -> Bool {
        try await self.read { try await RecordShares.reach(actor.filter(.edit, on: entity.key), entity, record, db: $0) }
    }
}

extension RecordService {
    /// Shares the records with active colleagues, read only or to edit (a second share changes
    /// the first); only someone whose own scope lets them edit a record may share it.
    public func share(_ entity: EntityDefinition, ids: [Int64], with users: [Int64], access: ShareAccess,
                      context: WriteContext) async throws {
        let ids = try Self.batch(ids)
        guard entity.ownership == .owned else { throw RecordError.forbidden }
        guard !users.isEmpty else { throw RecordError.invalid(ValidationFailure(["user_ids": .required])) }
        try await self.database.write { db in
            let active = Set(try await Directory.users(db: db).filter(\.active).map(\.id))
            guard users.allSatisfy(active.contains) else {
                throw RecordError.invalid(ValidationFailure(["user_ids": FieldError("inactive_user")]))
            }
            let now = Clock.millis()
            for record in try await self.managed(entity, ids: ids, context: context, db: db) {
                for user in Set(users) where user != record.ownerId {
                    let before = try await RecordShares.access(entity.key, record.id, user: user, db: db)
                    guard before != access else { continue }
                    try await db.raw("""
                        INSERT INTO record_shares (entity, record_id, user_id, access, created_by, created_at)
                        VALUES (\(bind: entity.key), \(bind: record.id), \(bind: user), \(bind: access.rawValue), \(bind: context.actor.userId), \(bind: now))
                        ON CONFLICT (entity, record_id, user_id) DO UPDATE SET access = EXCLUDED.access
                        """).run()
                    try await self.audit(.share, entity, record, changes: [
                        "shared_with": AuditChange(from: before.map { "\(user):\($0.rawValue)" }, to: "\(user):\(access.rawValue)"),
                    ], context: context, db: db)
                }
            }
        }
    }

    /// Stops sharing the record with the person.
    public func unshare(_ entity: EntityDefinition, id: Int64, user: Int64, context: WriteContext) async throws {
        try await self.database.write { db in
            let record = try await self.managed(entity, ids: [id], context: context, db: db)[0]
            guard let before = try await RecordShares.access(entity.key, id, user: user, db: db) else { throw RecordError.notFound }
            try await db.raw("DELETE FROM record_shares WHERE entity = \(bind: entity.key) AND record_id = \(bind: id) AND user_id = \(bind: user)").run()
            try await self.audit(.unshare, entity, record, changes: ["shared_with": AuditChange(from: "\(user):\(before.rawValue)", to: nil)],
                                 context: context, db: db)
        }
    }

    /// The records, when the actor's own scope (not a share) lets them edit every one.
    func managed(_ entity: EntityDefinition, ids: [Int64], context: WriteContext, db: any SQLDatabase) async throws -> [Record] {
        try await ids.asyncMap { id in
            let current = try await self.editable(entity, id: id, action: .view, context: context, db: db)
            guard context.actor.filter(.edit, on: entity.key).allows(owner: current.ownerId, department: current.departmentId) else {
                throw RecordError.forbidden
            }
            return current
        }
    }
}
