import Foundation
import SQLKit
import StrandCore

/// The one write pipeline: every create, update, delete and restore, from a form, the API, an
/// import or an automation, comes through here. Permission check, validation, then the write,
/// its search entry and its audit rows in one transaction.
public struct RecordService: Sendable {
    public let database: StoreDatabase
    public let catalog: EntityCatalog

    public init(database: StoreDatabase, catalog: EntityCatalog) {
        self.database = database
        self.catalog = catalog
    }

    public struct Created: Sendable {
        public let record: Record
        /// Matches of the duplicate check when it is set to warn.
        public let duplicates: [DuplicateMatch]
        /// What the new event's owner is already doing then (saved anyway).
        public var conflicts: [CalendarEntry] = []
    }

    public func create(_ entity: EntityDefinition, input: [String: InputValue], context: WriteContext,
                       acknowledgeWarnings: Bool = true) async throws -> Created {
        guard context.actor.can(.create, on: entity.key) else { throw RecordError.forbidden }
        try Self.checkDirectWrite(entity)
        return try await self.database.write { db in
            try await self.create(entity, input: input, context: context, acknowledgeWarnings: acknowledgeWarnings, in: db)
        }
    }

    /// A create inside a transaction the caller holds, so that several writes (a lead's
    /// conversion) stand or fall together.
    /// `preset` holds values Strand itself gives the new record, maintained ones included (an
    /// order's lines, copied from its quotation).
    func create(_ entity: EntityDefinition, input: [String: InputValue], context: WriteContext,
                acknowledgeWarnings: Bool = true, preset: [String: FieldValue] = [:], in db: any SQLDatabase) async throws -> Created {
        try await self.create(entity, inputs: [input], context: context, acknowledgeWarnings: acknowledgeWarnings, presets: [preset], in: db)[0].get()
    }

    /// `acknowledgeWarnings` false refuses an event moved over another of its owner's (`busy`).
    public func update(_ entity: EntityDefinition, id: Int64, input: [String: InputValue], expectedVersion: Int64?,
                       context: WriteContext, acknowledgeWarnings: Bool = true, merge: StaleMerge? = nil) async throws -> Record {
        try Self.checkDirectWrite(entity)
        return try await self.database.write { db in
            try await self.update(entity, id: id, input: input, expectedVersion: expectedVersion, context: context,
                                  acknowledgeWarnings: acknowledgeWarnings, merge: merge, in: db)
        }
    }

    /// An update inside a transaction the caller holds.
    func update(_ entity: EntityDefinition, id: Int64, input: [String: InputValue], expectedVersion: Int64?,
                context: WriteContext, acknowledgeWarnings: Bool = true, merge: StaleMerge? = nil, in db: any SQLDatabase) async throws -> Record {
        let (entity, setup) = try await SalesSetupStore.resolve(entity, db: db)
        var parsed = try RecordInput.parse(input, entity: entity, context: context, creating: false).mapError(RecordError.invalid).get()
        let current = try await self.editable(entity, id: id, action: .edit, context: context, db: db)
        try Self.checkEditable(entity, current)
        if let expectedVersion, expectedVersion != current.version {
            let meanwhile = try await self.changes(entity, id: id, since: merge?.base ?? expectedVersion, db: db)
            throw RecordError.conflict(current: current, changes: meanwhile, clashes: Self.clashes(entity, parsed, meanwhile))
        }
        if let merge, merge.base != current.version {
            Self.keepTheirs(entity, &parsed, try await self.changes(entity, id: id, since: merge.base, db: db), choosing: merge.keepTheirs)
        }
        var values = current.values.merging(parsed.values) { $1 }
        values = values.filter { key, _ in entity.field(key) != nil }
        values = try Self.applyRules(entity, to: values, before: current.values, setup: setup,
                                     prices: try await Pricing.prices(entity, values: values, db: db), timeZone: context.timeZone)
        let position = try await self.position(entity, parsed: parsed, current: current, context: context, db: db)
        try self.checkMove(entity, from: current, to: position, context: context)
        if let review = Self.reviewOnUpdate(entity, current: current, context: context) { values["review"] = .text(review.rawValue) }
        try await RecordLinks.check(entity, values: values, recordId: id, catalog: self.catalog, actor: context.actor, db: db)
        try await UniqueKeys.check(entity, values: values, recordId: id, db: db)
        var changes = RecordDiff.changes(entity, from: current.values, to: values)
        if position.owner != current.ownerId {
            changes["owner_id"] = AuditChange(from: current.ownerId.map(String.init), to: position.owner.map(String.init))
        }
        guard !changes.isEmpty else { return current }
        if !acknowledgeWarnings, !Set(changes.keys).isDisjoint(with: EventConflicts.bookingFields) {
            let conflicts = try await EventConflicts.find(entity, values: values, owner: position.owner, excluding: id, actor: context.actor, db: db)
            if !conflicts.isEmpty { throw RecordError.busy(conflicts) }
        }
        let record = try await RecordWriter.update(entity, current: current, values: values, position: position,
                                                   actor: context.actor.userId, db: db)
        try await FileStore.attach(entity, values: record.values, recordId: id, actor: context.actor, db: db)
        try await ValuePeriods.record(entity, record, before: current, at: record.updatedAt, actor: context.actor.userId, db: db)
        try await ParentStamps.apply(entity, record, before: current, catalog: self.catalog, db: db)
        try await Rollups.apply(entity, before: current, after: record, catalog: self.catalog, db: db)
        try await SearchIndex.put(entity, record, dialect: self.database.dialect, db: db)
        if position.owner != current.ownerId || position.department != current.departmentId {
            try await self.cascadeOwnership(of: entity, record: record, db: db)
        }
        // A change of owner is an assignment, so the audit log can be filtered for handovers.
        let action: AuditAction = changes["owner_id"] == nil ? .update : .assign
        try await self.audit(action, entity, record, changes: changes, context: context, db: db)
        try await self.announce(action, entity, record, before: current, changes: changes, context: context, db: db)
        // Taking the flag, or moving to another parent while holding it.
        let flags = entity.fields.filter { $0.oneWithin != nil }
        if flags.contains(where: { changes[$0.key] != nil || changes[$0.oneWithin ?? ""] != nil }) {
            try await self.clearSiblings(of: entity, record, context: context, db: db)
        }
        return record
    }

    public func delete(_ entity: EntityDefinition, id: Int64, context: WriteContext) async throws {
        try Self.checkDirectWrite(entity)
        try await self.database.write { db in try await self.delete(entity, id: id, context: context, in: db) }
    }

    /// `right` is the action the actor needs: deleting, or editing for a record its parent
    /// removes as part of an edit (an instalment dropped from a contract's plan).
    func delete(_ entity: EntityDefinition, id: Int64, context: WriteContext, right: Action = .delete, in db: any SQLDatabase) async throws {
        try await self.delete(entity, verified: try await self.editable(entity, id: id, action: right, context: context, db: db), context: context, in: db)
    }

    /// Deletes a record the caller has read, locked and found the actor may remove.
    func delete(_ entity: EntityDefinition, verified current: Record, context: WriteContext, in db: any SQLDatabase) async throws {
        let (id, now) = (current.id, Clock.millis())
        try await RecordWriter.markDeleted(entity, id: id, at: now, actor: context.actor.userId, db: db)
        try await SearchIndex.remove(entity, id, dialect: self.database.dialect, db: db)
        try await Rollups.apply(entity, before: current, after: nil, catalog: self.catalog, db: db)
        for child in self.catalog.children(of: entity.key) {
            try await RecordWriter.markChildrenDeleted(child, parentId: id, at: now, dialect: self.database.dialect, db: db)
        }
        var deleted = current
        deleted.version += 1
        try await self.audit(.delete, entity, deleted, changes: [:], context: context, db: db)
        try await self.announce(.delete, entity, deleted, changes: [:], context: context, db: db)
    }

    /// Brings a record back from the recycle bin, with the children deleted together with it.
    public func restore(_ entity: EntityDefinition, id: Int64, context: WriteContext) async throws -> Record {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        return try await self.database.write { db in
            guard let current = try await RecordStore.find(entity, id: id, scope: ScopeFilter(.everything), deleted: true, db: db),
                  let deletedAt = current.deletedAt else { throw RecordError.notFound }
            let record = try await RecordWriter.restore(entity, current: current, actor: context.actor.userId, db: db)
            try await Rollups.apply(entity, before: nil, after: record, catalog: self.catalog, db: db)
            try await SearchIndex.put(entity, record, dialect: self.database.dialect, db: db)
            for child in self.catalog.children(of: entity.key) {
                try await RecordWriter.restoreChildren(child, parentId: id, deletedAt: deletedAt, dialect: self.database.dialect, db: db)
            }
            try await self.audit(.restore, entity, record, changes: [:], context: context, db: db)
            try await self.announce(.restore, entity, record, changes: [:], context: context, db: db)
            return record
        }
    }
}
