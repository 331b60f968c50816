import Foundation
import SQLKit
import StrandCore

/// The sales setup is one small document among the settings: read whole with every write
/// that needs it, so every server process checks against what is stored now.
public enum SalesSetupStore {
    static let key = "sales_setup"

    public static func load(db: any SQLDatabase) async throws -> SalesSetup {
        try await Settings.document(self.key, fallback: .standard, db: db)
    }

    /// `entity` as the stored setup configures it, with the setup for its rules; entities
    /// without configured fields or rules are returned as they are.
    static func resolve(_ entity: EntityDefinition, db: any SQLDatabase) async throws -> (EntityDefinition, SalesSetup) {
        guard entity.rules != nil || entity.fields.contains(where: { $0.configured != nil }) else { return (entity, .standard) }
        let setup = try await self.load(db: db)
        return (setup.resolve(entity), setup)
    }

    /// Replaces the setup after checking it: keys unique and well formed, and no stage or
    /// pipeline that deals still use taken away.
    public static func save(_ setup: SalesSetup, context: WriteContext, database: StoreDatabase) async throws {
        guard context.actor.isAdmin else { throw RecordError.forbidden }
        try SalesSetupCheck.validate(setup)
        try await database.write { db in
            let current = try await self.load(db: db)
            try await SalesSetupCheck.keepsUsed(current: current, next: setup, db: db)
            try await Settings.setDocument(self.key, setup, auditAs: "sales_setup", context: context, db: db)
        }
    }
}

/// What makes a setup acceptable.
enum SalesSetupCheck {
    static func validate(_ setup: SalesSetup) throws {
        var errors: [String: FieldError] = [:]
        let stageKeys = setup.pipelines.flatMap { $0.stages.map(\.key) }
        let keys = setup.pipelines.map(\.key) + stageKeys + setup.lostReasons.map(\.key)
        if setup.pipelines.isEmpty { errors["pipelines"] = FieldError("required") }
        if keys.contains(where: { !self.wellFormed($0) }) { errors["key"] = FieldError("invalid") }
        if Set(stageKeys).count != stageKeys.count || Set(setup.pipelines.map(\.key)).count != setup.pipelines.count
            || Set(setup.lostReasons.map(\.key)).count != setup.lostReasons.count {
            errors["key"] = FieldError("taken")
        }
        for pipeline in setup.pipelines {
            if pipeline.openStages.isEmpty || !pipeline.stages.contains(where: { $0.outcome == .won })
                || !pipeline.stages.contains(where: { $0.outcome == .lost }) {
                errors["stages"] = FieldError("pipeline_incomplete")
            }
            if pipeline.stages.contains(where: { !(0...100).contains($0.probability) }) {
                errors["probability"] = FieldError("out_of_range", ["min": "0", "max": "100"])
            }
            if pipeline.name.count > 50 || pipeline.stages.contains(where: { $0.name.count > 50 }) {
                errors["name"] = FieldError("too_long", ["max": "50"])
            }
        }
        if setup.lostReasons.isEmpty { errors["lost_reasons"] = FieldError("required") }
        if setup.lostReasons.contains(where: { $0.label.count > 50 }) { errors["lost_reasons"] = FieldError("too_long", ["max": "50"]) }
        guard errors.isEmpty else { throw RecordError.invalid(ValidationFailure(errors)) }
    }

    /// Keys are short ASCII words, so they read well in URLs, filters and exports.
    static func wellFormed(_ key: String) -> Bool {
        !key.isEmpty && key.count <= 40 && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A stage or pipeline some live deal is in stays; so does a reason some lost deal gives.
    static func keepsUsed(current: SalesSetup, next: SalesSetup, db: any SQLDatabase) async throws {
        let removed: [(column: String, keys: [String])] = ConfiguredList.allCases.map { list in
            let kept = Set(next.options(list).map(\.key))
            return (self.column(list), current.options(list).map(\.key).filter { !kept.contains($0) })
        }
        for (column, keys) in removed where !keys.isEmpty {
            let used = try await db.raw("""
                SELECT 1 AS used FROM opportunities WHERE deleted_at IS NULL AND \(ident: column) IN \(SQLGroupExpression.binds(keys)) LIMIT 1
                """).first()
            if used != nil { throw RecordError.invalid(ValidationFailure([column: FieldError("in_use")])) }
        }
    }

    static func column(_ list: ConfiguredList) -> String {
        switch list {
        case .pipelines: "pipeline"
        case .stages: "stage"
        case .lostReasons: "lost_reason"
        }
    }
}

/// SQL about deals whatever the pipelines: an open deal is one whose stage is neither won nor
/// lost, which the write pipeline keeps in `status`.
enum DealSQL {
    static let isOpen = "status = 'open'"
}
