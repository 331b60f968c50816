import SQLKit
import StrandCore

extension StoreDatabase {
    /// How the deals a competitor was met on ended: counts by deal status (open, won, lost),
    /// over the deals `scope` lets the viewer see, in one query.
    public func headToHead(competitorId: Int64, catalog: EntityCatalog, scope: ScopeFilter) async throws -> [String: Int] {
        guard let deals = catalog.entity(EntityKey.opportunity), let links = catalog.entity(EntityKey.dealCompetitor) else { return [:] }
        var conditions = try ListPlan.conditions(deals, query: ListQuery(), scope: scope, dialect: self.dialect)
        conditions.add(SQLQueryString("""
            id IN (SELECT opportunity_id FROM \(ident: links.table) WHERE competitor_id = \(bind: competitorId) AND deleted_at IS NULL)
            """))
        let selected = conditions.expression
        return try await self.read { db in
            try await db.raw("SELECT status, COUNT(*) AS n FROM \(ident: deals.table) WHERE \(selected) GROUP BY status").all()
                .reduce(into: [:]) { counts, row in
                    counts[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
                }
        }
    }
}
