import Foundation
import SQLKit
import SQLiteNIO
import StrandCore

/// `strand seed --customers N`: synthetic customers with 2 contacts and 3 follow-ups each; one
/// customer in two waits unowned in the default public pool, and of the owned ones, two in five
/// have an open opportunity and every one a lead (so 1M customers bring 200k opportunities and
/// 500k leads). Loaded in large multi-row batches for benchmarks, writing rows and search
/// entries directly, without per-record audit rows: it is a loader of test data, not a user's
/// edit.
public enum BulkSeeder {
    /// Customers per transaction. SQLite's full-text index writes out what it holds at every
    /// statement, so a batch's search entries go in as few statements as the limit on bound
    /// values allows (`BulkInsert.statements`), in rowid order.
    static let batch = 2000

    public static func run(database: StoreDatabase, catalog: EntityCatalog, customers count: Int,
                           progress: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let users = try await database.read { try await Directory.users(db: $0) }.filter(\.active)
        try await Pools.ensureDefault(database)
        let pool = try await database.read { try await Pools.all(db: $0) }.first(where: \.isDefault)!.id
        let entities = Kind.allCases.map { catalog.entity($0.rawValue)! }
        let first = try await database.read { db in try await entities.asyncMap { try await self.maxId($0, db: db) } }
        // Into empty tables, building each index once at the end is several times faster than
        // keeping it up to date row by row.
        let fresh = first.allSatisfy { $0 == 0 }
        if fresh { try await self.dropIndexes(entities, database: database) }
        var plan = Plan(entities: entities, owners: users.map { RecordPosition(owner: $0.id, department: $0.departmentId) },
                        pool: pool, dialect: database.dialect, total: count, now: Clock.millis(), nextIds: first,
                        rng: SeededRandom(seed: UInt64(count) &+ UInt64(first[0])))
        try await SearchIndex.automaticMerging(database, width: 16)
        // The next batch is made on the other core while this one is written.
        var pending: Task<(Batch, Plan), Never>? = Task { [plan] in var copy = plan; return (copy.nextBatch(), copy) }
        while let task = pending {
            let (batch, advanced) = await task.value
            plan = advanced
            pending = plan.done < count ? Task { [plan] in var copy = plan; return (copy.nextBatch(), copy) } : nil
            let statements = batch.statements
            let direct = try await database.sqliteWrite { connection in
                for case .sqlite(let sql, let binds) in statements { _ = try await connection.query(sql, binds).get() }
                return true
            }
            if direct == nil {
                try await database.write { db in
                    for case .sqlKit(let statement) in statements { try await db.raw(statement).run() }
                }
            }
            progress(batch.doneAfter)
        }
        try await SearchIndex.automaticMerging(database, width: 0)
        try await SearchIndex.compact(database)
        if fresh { try await SchemaApplier.buildIndexes(database, catalog: catalog) }
        try await SchemaApplier.refreshStatistics(database, thorough: true)
        if database.dialect == .postgres {
            try await database.write { db in
                for entity in entities {
                    try await db.raw("SELECT setval(pg_get_serial_sequence(\(bind: entity.table), 'id'), (SELECT MAX(id) FROM \(ident: entity.table)))").run()
                }
            }
        }
    }


    struct Batch: Sendable {
        let statements: [Prepared]
        let doneAfter: Int
    }

    /// A statement ready to run: SQLite's text and values for its own binding, or SQLKit's.
    enum Prepared: Sendable {
        case sqlite(String, [SQLiteData])
        case sqlKit(SQLQueryString)
    }

    /// The entities generated, in the order of `Plan.nextIds`.
    enum Kind: String, CaseIterable {
        case customer, contact, followUp = "follow_up", opportunity, lead
    }

    /// Where generation stands: the random source, the next ids, how many customers are made.
    struct Plan: Sendable {
        let entities: [EntityDefinition]
        let owners: [RecordPosition]
        let pool: Int64
        let dialect: Dialect
        let total: Int
        let now: Int64
        var nextIds: [Int64]
        var rng: SeededRandom
        var done = 0

        mutating func nextBatch() -> Batch {
            let size = min(BulkSeeder.batch, self.total - self.done)
            var rows = Array(repeating: [BulkRow](), count: Kind.allCases.count)
            for offset in 0..<size {
                let index = self.done + offset
                let pooled = index % 2 == 1
                let position = pooled ? RecordPosition() : self.owners[(index / 2) % self.owners.count]
                let stamp = self.now - Int64(self.total - index) * 1000
                let customer = self.take(.customer)
                var values = BulkSeeder.customer(&self.rng)
                values["last_follow_up_at"] = .integer(stamp)
                rows[0].append(BulkRow(id: customer, position: position, time: stamp, values: values,
                                       extra: ["pool_id": pooled ? .integer(self.pool) : .null, "owned_since": pooled ? .null : .integer(stamp)]))
                for number in 0..<2 {
                    rows[1].append(BulkRow(id: self.take(.contact), position: position, time: stamp,
                                           values: BulkSeeder.contact(&self.rng, customer: customer, primary: number == 0)))
                }
                for number in 0..<3 {
                    rows[2].append(BulkRow(id: self.take(.followUp), position: position, time: stamp,
                                           values: BulkSeeder.followUp(&self.rng, customer: customer, at: stamp - Int64(number) * 86_400_000)))
                }
                guard !pooled else { continue }
                if index % 10 == 0 || index % 10 == 2 {
                    rows[3].append(BulkRow(id: self.take(.opportunity), position: position, time: stamp,
                                           values: BulkSeeder.opportunity(&self.rng, customer: customer, name: values["name"]?.textValue ?? "", now: self.now)))
                }
                rows[4].append(BulkRow(id: self.take(.lead), position: position, time: stamp, values: BulkSeeder.lead(&self.rng)))
            }
            self.done += size
            let records = zip(self.entities, rows).flatMap { BulkSeeder.recordStatements($0, $1, dialect: self.dialect) }
            let search = BulkSeeder.searchStatements(zip(self.entities, rows).flatMap { BulkSeeder.searchRows($0, $1) }, dialect: self.dialect)
            return Batch(statements: records + search, doneAfter: self.done)
        }

        mutating func take(_ kind: Kind) -> Int64 {
            let table = Kind.allCases.firstIndex(of: kind)!
            self.nextIds[table] += 1
            return self.nextIds[table]
        }
    }

    struct BulkRow: Sendable {
        let id: Int64
        let position: RecordPosition
        let time: Int64
        let values: [String: FieldValue]
        /// Values of columns that are not fields, such as a pooled customer's pool.
        var extra: [String: FieldValue] = [:]
    }

    static func maxId(_ entity: EntityDefinition, db: any SQLDatabase) async throws -> Int64 {
        try await db.raw("SELECT COALESCE(MAX(id), 0) AS id FROM \(ident: entity.table)").first()?.decode(column: "id", as: Int64.self) ?? 0
    }

    static func dropIndexes(_ entities: [EntityDefinition], database: StoreDatabase) async throws {
        try await database.write { db in
            for entity in entities {
                for index in EntitySchema.indexes(entity) { try await db.raw("DROP INDEX IF EXISTS \(ident: index.name)").run() }
            }
        }
    }

    /// The INSERTs for rows of one entity, in chunks a statement can take.
    static func recordStatements(_ entity: EntityDefinition, _ rows: [BulkRow], dialect: Dialect) -> [Prepared] {
        let extra = EntitySchema.poolColumns(entity).map(\.0)
        let columns = ["id", "version", "owner_id", "department_id", "created_by", "updated_by", "created_at", "updated_at"] + entity.fields.map(\.key)
            + SortKeys.fields(entity).map(SortKeys.column) + extra
        let records = rows.map { row -> [FieldValue] in
            let owner = row.position.owner.map(FieldValue.integer) ?? .null
            return [.integer(row.id), .integer(1), owner, row.position.department.map(FieldValue.integer) ?? .null, owner, owner,
                    .integer(row.time), .integer(row.time)] + entity.fields.map { row.values[$0.key] ?? $0.emptyValue }
                + SortKeys.values(entity, row.values).map(\.value) + extra.map { row.extra[$0] ?? .null }
        }
        return BulkInsert.statements(table: entity.table, columns: columns, rows: records).map { $0.prepared(dialect) }
    }

    /// Search entries of rows, keyed by their document id.
    static func searchRows(_ entity: EntityDefinition, _ rows: [BulkRow]) -> [(doc: Int64, values: [FieldValue])] {
        rows.compactMap { row in
            let words = SearchTerms.words(for: entity, values: row.values)
            guard !words.isEmpty else { return nil }
            return (SearchIndex.documentId(entity, row.id),
                    SearchIndex.entry(entity, id: row.id, owner: row.position.owner, department: row.position.department, words: words))
        }
    }

    static func searchStatements(_ entries: [(doc: Int64, values: [FieldValue])], dialect: Dialect) -> [Prepared] {
        self.searchInserts(entries, dialect: dialect).map { $0.prepared(dialect) }
    }

    static func searchInserts(_ entries: [(doc: Int64, values: [FieldValue])], dialect: Dialect) -> [BulkInsert] {
        SearchIndex.inserts(entries.sorted { $0.doc < $1.doc }.map(\.values), dialect: dialect)
    }

    static func customer(_ rng: inout SeededRandom) -> [String: FieldValue] {
        let place = SampleData.place(&rng)
        return [
            "name": .text(SampleData.company(&rng, city: place.city)),
            "type": .text(["direct", "channel", "key_account", "individual"].randomElement(using: &rng)!),
            "status": .text(["potential", "active", "won", "dormant", "lost"].randomElement(using: &rng)!),
            "grade": .text(["A", "B", "C", "D"].randomElement(using: &rng)!),
            "industry": .text(CustomerChoices.industries.randomElement(using: &rng)!),
            "source": .text(CustomerChoices.sources.randomElement(using: &rng)!),
            "province": .text(place.province), "city": .text(place.city),
            "phone": .text(SampleData.mobile(&rng)), "credit_code": .text(SampleData.creditCode(&rng)),
        ]
    }

    /// An open deal in the default pipeline, closing within the coming year.
    static func opportunity(_ rng: inout SeededRandom, customer: Int64, name: String, now: Int64) -> [String: FieldValue] {
        let stage = SalesStage.defaults.filter { $0.outcome == .open }.randomElement(using: &rng)!
        let close = DateTimeText.iso(now + Int64.random(in: 0..<365, using: &rng) * 86_400_000).prefix(10)
        return ["customer_id": .integer(customer), "name": .text(String(name.prefix(8)) + ["改造项目", "采购", "系统升级", "年度合同"].randomElement(using: &rng)!),
                "amount": .integer(Int64.random(in: 1_000...5_000_000, using: &rng) * 100), "currency": .text("CNY"),
                "pipeline": .text(Pipeline.defaultKey), "stage": .text(stage.key), "status": .text("open"),
                "probability": .integer(Int64(stage.probability)), "expected_close": .text(String(close)),
                "source": .text(CustomerChoices.sources.randomElement(using: &rng)!)]
    }

    static func lead(_ rng: inout SeededRandom) -> [String: FieldValue] {
        let place = SampleData.place(&rng)
        return ["company": .text(SampleData.company(&rng, city: place.city)), "contact_name": .text(SampleData.person(&rng)),
                "phone": .text(SampleData.mobile(&rng)), "status": .text(["new", "contacted", "qualified"].randomElement(using: &rng)!),
                "source": .text(CustomerChoices.sources.randomElement(using: &rng)!),
                "industry": .text(CustomerChoices.industries.randomElement(using: &rng)!),
                "province": .text(place.province), "city": .text(place.city)]
    }

    static func contact(_ rng: inout SeededRandom, customer: Int64, primary: Bool) -> [String: FieldValue] {
        ["customer_id": .integer(customer), "name": .text(SampleData.person(&rng)), "position": .text(SampleData.positions.randomElement(using: &rng)!),
         "mobile": .text(SampleData.mobile(&rng)), "is_primary": .bool(primary)]
    }

    static func followUp(_ rng: inout SeededRandom, customer: Int64, at: Int64) -> [String: FieldValue] {
        ["customer_id": .integer(customer), "happened_at": .integer(at), "method": .text(["visit", "call", "email", "message"].randomElement(using: &rng)!),
         "phase": .text(["pre_sale", "in_sale", "after_sale"].randomElement(using: &rng)!), "content": .text(SampleData.conversation(&rng))]
    }
}

extension BulkInsert {
    /// The statement as the loader runs it: on SQLite's own connection, or through SQLKit.
    func prepared(_ dialect: Dialect) -> BulkSeeder.Prepared {
        guard dialect == .sqlite else { return .sqlKit(self.statement) }
        let (sql, binds) = self.sqliteStatement
        return .sqlite(sql, binds)
    }
}
