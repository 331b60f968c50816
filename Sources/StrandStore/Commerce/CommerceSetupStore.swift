import SQLKit
import StrandCore

/// Numbering patterns, discount limits and approval flows: one document among the settings,
/// read inside the transaction that numbers or submits.
public enum CommerceSetupStore {
    static let key = "commerce"

    public static func load(db: any SQLDatabase) async throws -> CommerceSetup {
        try await Settings.document(self.key, fallback: CommerceSetup(), db: db)
    }

    public static func save(_ setup: CommerceSetup, context: WriteContext, database: StoreDatabase) async throws {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        try await database.write { db in
            try await self.validate(setup, db: db)
            try await Settings.setDocument(self.key, setup, auditAs: "commerce_setup", context: context, db: db)
        }
    }

    static func validate(_ setup: CommerceSetup, db: any SQLDatabase) async throws {
        var errors: [String: FieldError] = [:]
        for (entity, pattern) in setup.numbering where !DocumentNumber.isValid(pattern) {
            errors["numbering.\(entity)"] = FieldError("number_pattern")
        }
        for (role, limit) in setup.discountLimits where !(0...10_000).contains(limit) {
            errors["discount_limits.\(role)"] = FieldError("out_of_range", ["min": "0", "max": "100"])
        }
        let users = Set(try await Directory.users(db: db).filter(\.active).map(\.id))
        let roles = Set(try await Directory.roles(db: db).map(\.role.key))
        for (index, flow) in setup.flows.enumerated() {
            let name = flow.name.trimmingCharacters(in: .whitespaces)
            if name.isEmpty || name.count > 50 { errors["flows.\(index).name"] = FieldError("required") }
            if flow.steps.isEmpty || flow.steps.count > 10 { errors["flows.\(index).steps"] = FieldError("required") }
            for step in flow.steps {
                switch step.kind {
                case .user where !users.contains(step.userId ?? 0): errors["flows.\(index).steps"] = FieldError("inactive_user")
                case .role where !roles.contains(step.role ?? ""): errors["flows.\(index).steps"] = FieldError("not_an_option")
                default: break
                }
            }
            for condition in flow.conditions where condition.kind == .atLeast || condition.kind == .below {
                if ScaledDecimal.parse(condition.value, scale: 2) == nil { errors["flows.\(index).conditions"] = FieldError("invalid") }
            }
        }
        guard errors.isEmpty else { throw RecordError.invalid(ValidationFailure(errors)) }
    }
}

/// The next number of a document: a counter per entity and period (the year or month the
/// pattern names), taken inside the writing transaction (row-locked on PostgreSQL), so two
/// documents never share a number and none is skipped by a write that fails.
enum DocumentNumbers {
    static func next(_ entity: EntityDefinition, pattern: String, day: CalendarDay, db: any SQLDatabase) async throws -> String {
        let period = DocumentNumber.period(pattern, day: day)
        let row = try await db.raw("""
            INSERT INTO document_sequences (entity, period, last) VALUES (\(bind: entity.key), \(bind: period), 1)
            ON CONFLICT (entity, period) DO UPDATE SET last = document_sequences.last + 1 RETURNING last
            """).first()
        let sequence = try row?.integer("last") ?? 1
        return DocumentNumber.format(pattern, day: day, sequence: sequence)
    }
}
