import SQLKit
import StrandCore

/// Keeps the sums of `EntityDefinition.rollups` in the writing transaction: after a child is
/// written or deleted, each parent it points at (before and after) is summed again from its
/// live children, and a sum beyond the parent's amount refuses the write.
enum Rollups {
    static func apply(_ entity: EntityDefinition, before: Record?, after: Record?, catalog: EntityCatalog, db: any SQLDatabase) async throws {
        for rollup in entity.rollups {
            guard let parentKey = entity.field(rollup.link)?.linkTo, let parent = catalog.entity(parentKey) else { continue }
            let ids = Set([before?[rollup.link].integerValue, after?[rollup.link].integerValue].compactMap { $0 })
            for id in ids.sorted() {
                try await db.raw("""
                    UPDATE \(ident: parent.table) SET \(ident: rollup.target) = (SELECT COALESCE(SUM(\(ident: rollup.sum)), 0)
                      FROM \(ident: entity.table) WHERE \(ident: rollup.link) = \(bind: id) AND deleted_at IS NULL)
                    WHERE id = \(bind: id)
                    """).run()
                if rollup.settling {
                    try await db.raw("""
                        UPDATE \(ident: parent.table) SET status = CASE WHEN \(ident: rollup.target) >= amount THEN 'paid'
                          WHEN \(ident: rollup.target) > 0 THEN 'partial' ELSE 'open' END WHERE id = \(bind: id)
                        """).run()
                }
                let row = try await db.raw("SELECT \(ident: rollup.target) AS total, amount FROM \(ident: parent.table) WHERE id = \(bind: id)").first()
                if let total = try row?.integer("total"), let amount = try row?.integer("amount"), total > amount, after != nil {
                    throw RecordError.invalid(ValidationFailure([rollup.sum: FieldError("exceeds_open", [
                        "open": ScaledDecimal.format(amount - (total - (after?[rollup.sum].integerValue ?? 0)), scale: 2)])]))
                }
            }
        }
    }
}
