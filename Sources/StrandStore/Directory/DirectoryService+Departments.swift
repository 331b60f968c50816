import Foundation
import SQLKit
import StrandCore

extension DirectoryService {
    public func createDepartment(name: String, parentId: Int64?, context: WriteContext) async throws -> Department {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        let name = try Self.checkedName(name)
        return try await self.database.write { db in
            let all = try await Directory.departments(db: db)
            if let parentId, !all.contains(where: { $0.id == parentId }) {
                throw RecordError.invalid(ValidationFailure(["parent_id": FieldError("not_found")]))
            }
            let now = Clock.millis()
            let row = try await db.raw("""
                INSERT INTO departments (name, parent_id, created_at, updated_at)
                VALUES (\(bind: name), \(bind: parentId), \(bind: now), \(bind: now)) RETURNING id
                """).first()
            let id = try row!.decode(column: "id", as: Int64.self)
            try await self.audit(.create, "department", id, ["name": AuditChange(from: nil, to: name),
                                                               "parent_id": AuditChange(from: nil, to: parentId.map(String.init))],
                                 context: context, db: db)
            return Department(id: id, name: name, parentId: parentId, sortOrder: 0, version: 1)
        }
    }

    /// Renames or moves a department, or changes whether its new customers are reviewed
    /// (nil keeps it); a department never moves below itself.
    public func updateDepartment(_ id: Int64, name: String, parentId: Int64?, reviewsCustomers: Bool? = nil,
                                 context: WriteContext) async throws -> Department {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        let name = try Self.checkedName(name)
        return try await self.database.write { db in
            let all = try await Directory.departments(db: db)
            guard let before = all.first(where: { $0.id == id }) else { throw RecordError.notFound }
            let reviews = reviewsCustomers ?? before.reviewsCustomers
            if let parentId, !all.contains(where: { $0.id == parentId }) || all.subtree(of: id).contains(parentId) {
                throw RecordError.invalid(ValidationFailure(["parent_id": FieldError("cycle")]))
            }
            try await db.raw("""
                UPDATE departments SET name = \(bind: name), parent_id = \(bind: parentId),
                reviews_customers = \(bind: Int64(reviews ? 1 : 0)), version = version + 1,
                updated_at = \(bind: Clock.millis()) WHERE id = \(bind: id)
                """).run()
            var changes: [String: AuditChange] = [:]
            if before.name != name { changes["name"] = AuditChange(from: before.name, to: name) }
            if before.parentId != parentId {
                changes["parent_id"] = AuditChange(from: before.parentId.map(String.init), to: parentId.map(String.init))
            }
            if before.reviewsCustomers != reviews {
                changes["reviews_customers"] = AuditChange(from: String(before.reviewsCustomers), to: String(reviews))
            }
            try await self.audit(.update, "department", id, changes, context: context, db: db)
            return Department(id: id, name: name, parentId: parentId, sortOrder: before.sortOrder, version: before.version + 1,
                              reviewsCustomers: reviews)
        }
    }

    /// Only an empty department goes: one with people or sub-departments would strand them.
    public func deleteDepartment(_ id: Int64, context: WriteContext) async throws {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        try await self.database.write { db in
            let all = try await Directory.departments(db: db)
            guard let department = all.first(where: { $0.id == id }) else { throw RecordError.notFound }
            let members = try await db.raw("SELECT COUNT(*) AS n FROM users WHERE department_id = \(bind: id)").first()?
                .decode(column: "n", as: Int64.self) ?? 0
            if members > 0 || all.contains(where: { $0.parentId == id }) {
                throw RecordError.invalid(ValidationFailure(["department": FieldError("not_empty")]))
            }
            try await db.raw("DELETE FROM departments WHERE id = \(bind: id)").run()
            try await self.audit(.delete, "department", id, ["name": AuditChange(from: department.name, to: nil)],
                                 context: context, db: db)
        }
    }

    static func checkedName(_ name: String) throws -> String {
        let trimmed = name.trimmed
        guard !trimmed.isEmpty, trimmed.count <= 50 else {
            throw RecordError.invalid(ValidationFailure(["name": trimmed.isEmpty ? .required : FieldError("too_long", ["max": "50"])]))
        }
        return trimmed
    }

    /// Saves a role's grants; built-in roles keep their key.
    public func saveRole(_ role: Role, context: WriteContext) async throws {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        let name = try Self.checkedName(role.name)
        guard role.key.count <= 40, role.key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }), !role.key.isEmpty else {
            throw RecordError.invalid(ValidationFailure(["key": FieldError("invalid_key")]))
        }
        try await self.database.write { db in
            let existing = try await Directory.roles(db: db).first { $0.role.key == role.key }
            try await Bootstrap.upsertRole(role, name: name, builtIn: existing?.builtIn ?? false, db: db)
            try await self.audit(existing == nil ? .create : .update, "role", existing?.id,
                                 ["definition": AuditChange(from: existing.map { Bootstrap.json($0.role) }, to: Bootstrap.json(role))],
                                 context: context, db: db)
        }
    }
}
