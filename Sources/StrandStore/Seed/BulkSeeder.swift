import Foundation
import SQLKit
import StrandCore

/// `strand seed --customers N`: synthetic customers with 2 contacts and 3 follow-ups each,
/// loaded in large multi-row batches for benchmarks. It writes rows and search entries
/// directly, without per-record audit rows: it is a loader of test data, not a user's edit.
public enum BulkSeeder {
    static let batch = 500

    public static func run(database: StoreDatabase, catalog: EntityCatalog, customers count: Int,
                           progress: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let users = try await database.read { try await Directory.users(db: $0) }.filter(\.active)
        let owners = users.map { RecordPosition(owner: $0.id, department: $0.departmentId) }
        let customer = catalog.entity("customer")!, contact = catalog.entity("contact")!, followUp = catalog.entity("follow_up")!
        var next = try await database.read { db in
            (try await self.maxId(customer, db: db), try await self.maxId(contact, db: db), try await self.maxId(followUp, db: db))
        }
        var rng = SeededRandom(seed: UInt64(count) &+ UInt64(next.0))
        let now = Clock.millis()
        var done = 0
        while done < count {
            let size = min(self.batch, count - done)
            var rows: [String: [BulkRow]] = [customer.key: [], contact.key: [], followUp.key: []]
            for offset in 0..<size {
                next.0 += 1
                let position = owners[(done + offset) % owners.count]
                let stamp = now - Int64(count - done - offset) * 1000
                rows[customer.key]!.append(BulkRow(id: next.0, position: position, time: stamp, values: self.customer(&rng, serial: next.0)))
                for index in 0..<2 {
                    next.1 += 1
                    rows[contact.key]!.append(BulkRow(id: next.1, position: position, time: stamp, values: self.contact(&rng, customer: next.0, primary: index == 0)))
                }
                for index in 0..<3 {
                    next.2 += 1
                    rows[followUp.key]!.append(BulkRow(id: next.2, position: position, time: stamp,
                                                       values: self.followUp(&rng, customer: next.0, at: stamp - Int64(index) * 86_400_000)))
                }
            }
            let batchRows = rows
            try await database.write { db in
                for entity in [customer, contact, followUp] {
                    try await self.insert(entity, batchRows[entity.key]!, dialect: database.dialect, db: db)
                }
            }
            done += size
            progress(done)
        }
        if database.dialect == .postgres {
            try await database.write { db in
                for entity in [customer, contact, followUp] {
                    try await db.raw("SELECT setval(pg_get_serial_sequence(\(bind: entity.table), 'id'), (SELECT MAX(id) FROM \(ident: entity.table)))").run()
                }
            }
        }
    }

    struct BulkRow {
        let id: Int64
        let position: RecordPosition
        let time: Int64
        let values: [String: FieldValue]
    }

    static func maxId(_ entity: EntityDefinition, db: any SQLDatabase) async throws -> Int64 {
        try await db.raw("SELECT COALESCE(MAX(id), 0) AS id FROM \(ident: entity.table)").first()?.decode(column: "id", as: Int64.self) ?? 0
    }

    static func insert(_ entity: EntityDefinition, _ rows: [BulkRow], dialect: Dialect, db: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        let columns = ["id", "version", "owner_id", "department_id", "created_by", "updated_by", "created_at", "updated_at"] + entity.fields.map(\.key)
        let tuples: [any SQLExpression] = rows.map { row in
            var binds: [any SQLExpression] = [SQLBind(row.id), SQLBind(Int64(1)), SQLBind(row.position.owner), SQLBind(row.position.department),
                                              SQLBind(row.position.owner), SQLBind(row.position.owner), SQLBind(row.time), SQLBind(row.time)]
            binds += entity.fields.map { $0.bind(row.values[$0.key] ?? $0.emptyValue) }
            return SQLGroupExpression(SQLList(binds))
        }
        try await db.raw("INSERT INTO \(ident: entity.table) \(SQLGroupExpression(SQLList(columns.map { SQLIdentifier($0) }))) VALUES \(SQLList(tuples))").run()
        let documents: [any SQLExpression] = rows.compactMap { row in
            let terms = SearchTerms.terms(for: entity, values: row.values)
            guard !terms.isEmpty else { return nil }
            let doc = SearchIndex.documentId(entity, row.id)
            switch dialect {
            case .sqlite:
                return SQLGroupExpression(SQLList([SQLBind(doc), SQLBind(terms.joined(separator: " ")), SQLBind(Int64(entity.searchCode)),
                                                   SQLBind(row.id), SQLBind(row.position.owner), SQLBind(row.position.department)]))
            case .postgres:
                return SQLQueryString("(\(bind: doc), \(bind: Int64(entity.searchCode)), \(bind: row.id), \(bind: row.position.owner), \(bind: row.position.department), array_to_tsvector(string_to_array(\(bind: terms.joined(separator: " ")), ' ')))")
            }
        }
        guard !documents.isEmpty else { return }
        switch dialect {
        case .sqlite:
            try await db.raw("INSERT INTO search_index (rowid, terms, entity, record_id, owner_id, department_id) VALUES \(SQLList(documents))").run()
        case .postgres:
            try await db.raw("INSERT INTO search_index (doc_id, entity, record_id, owner_id, department_id, terms) VALUES \(SQLList(documents))").run()
        }
    }

    static func customer(_ rng: inout SeededRandom, serial: Int64) -> [String: FieldValue] {
        let place = SampleData.place(&rng)
        return [
            "name": .text(SampleData.company(&rng, city: place.city, serial: Int(serial))),
            "type": .text(["direct", "channel", "key_account", "individual"].randomElement(using: &rng)!),
            "status": .text(["potential", "active", "won", "dormant", "lost"].randomElement(using: &rng)!),
            "grade": .text(["A", "B", "C", "D"].randomElement(using: &rng)!),
            "industry": .text(CustomerChoices.industries.randomElement(using: &rng)!),
            "source": .text(CustomerChoices.sources.randomElement(using: &rng)!),
            "province": .text(place.province), "city": .text(place.city),
            "phone": .text(SampleData.mobile(&rng)), "credit_code": .text(SampleData.creditCode(&rng)),
        ]
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
