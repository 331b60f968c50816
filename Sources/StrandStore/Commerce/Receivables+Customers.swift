import SQLKit
import StrandCore

extension StoreDatabase {
    /// The `limit` most overdue customers within `scope`, from the amounts the database keeps
    /// per customer as of a day (`receivable_customers`), moved on to `today` first when that
    /// is later. A reader whose day is still behind it (in a time zone further west) is answered
    /// from the instalments themselves, so the kept day never goes back and forth.
    func agingByCustomer(_ entity: EntityDefinition, scope: ScopeFilter, today: CalendarDay, limit: Int) async throws -> [AgingRow] {
        guard try await self.keepReceivables(asOf: today) == today.description else {
            return try await self.agingByCustomerFromInstalments(entity, scope: scope, today: today, limit: limit)
        }
        let columns = ReceivableColumns.all.map { "CAST(SUM(\($0.name)) AS BIGINT) AS \($0.name)" }.joined(separator: ", ")
        let rows = try await self.read { db in
            try await db.raw("""
                SELECT customer_id AS grp, \(unsafeRaw: columns) FROM receivable_customers WHERE (\(scope.condition))
                GROUP BY customer_id HAVING SUM(not_due) <> 0 OR SUM(overdue) <> 0
                ORDER BY SUM(overdue) DESC, SUM(not_due) + SUM(overdue) DESC, customer_id DESC LIMIT \(bind: limit)
                """).all()
        }
        return try Self.merged(rows)
    }

    /// The day the amounts kept per customer are as of, after working them out afresh for
    /// `today` if their day is earlier: once a day, as the company's day begins (`JobScheduler`)
    /// or by the first report of a reader already in it.
    @discardableResult
    public func keepReceivables(asOf today: CalendarDay) async throws -> String {
        let day = try await self.read { try await Self.receivableDay($0, lock: false) }
        guard day < today.description else { return day }
        let lock = self.dialect == .postgres
        let (kept, rebuilt) = try await self.write { db in
            let day = try await Self.receivableDay(db, lock: lock)
            guard day < today.description else { return (day, false) }
            let (thirty, ninety) = (today.adding(days: -30).description, today.adding(days: -90).description)
            try await db.raw("UPDATE receivable_as_of SET day = \(bind: today.description), day30 = \(bind: thirty), day90 = \(bind: ninety)").run()
            try await db.raw("DELETE FROM receivable_customers").run()
            let key = "COALESCE(i.customer_id, 0), COALESCE(i.owner_id, 0), COALESCE(i.department_id, 0)"
            try await db.raw("""
                INSERT INTO receivable_customers (customer_id, owner_id, department_id, \(unsafeRaw: ReceivableColumns.all.map(\.name).joined(separator: ", ")))
                SELECT \(unsafeRaw: key), \(unsafeRaw: ReceivableColumns.values(of: "i").map { "SUM(\($0))" }.joined(separator: ", "))
                FROM instalments i, receivable_as_of a WHERE i.deleted_at IS NULL AND i.status IN ('open', 'partial') GROUP BY \(unsafeRaw: key)
                """).run()
            return (today.description, true)
        }
        if rebuilt { self.checkpointIfDue(writes: Checkpoints.every) }
        return kept
    }

    static func receivableDay(_ db: any SQLDatabase, lock: Bool) async throws -> String {
        try await db.raw("SELECT day FROM receivable_as_of\(unsafeRaw: lock ? " FOR UPDATE" : "")").first()?.decode(column: "day", as: String.self) ?? ""
    }

    /// The same rows worked out from the open instalments, each part of the scope grouped one
    /// status at a time in the customer-ordered index.
    func agingByCustomerFromInstalments(_ entity: EntityDefinition, scope: ScopeFilter, today: CalendarDay, limit: Int) async throws -> [AgingRow] {
        let buckets = Self.agingBuckets(open: "amount - COALESCE(received, 0)", today: today)
        let customers = try await self.rowsPerPart(entity, query: ListQuery(), scope: scope) { selected in
            SQLQueryString("""
                SELECT grp, CAST(SUM(not_due) AS BIGINT) AS not_due, CAST(SUM(d30) AS BIGINT) AS d30, CAST(SUM(d90) AS BIGINT) AS d90,
                  CAST(SUM(older) AS BIGINT) AS older FROM (
                  SELECT customer_id AS grp, \(buckets) FROM \(ident: entity.table) WHERE \(selected) AND status = 'open' GROUP BY customer_id
                  UNION ALL
                  SELECT customer_id AS grp, \(buckets) FROM \(ident: entity.table) WHERE \(selected) AND status = 'partial' GROUP BY customer_id
                ) parts GROUP BY grp ORDER BY SUM(d30) + SUM(d90) + SUM(older) DESC, grp LIMIT \(bind: limit)
                """)
        }
        return Array(try Self.merged(customers).prefix(limit))
    }
}
