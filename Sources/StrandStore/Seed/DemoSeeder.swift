import Foundation
import StrandCore

/// `strand seed --demo`: a company with departments, ten people in their roles, and about 200
/// customers with contacts and follow-ups, written through the one write pipeline as if typed.
public enum DemoSeeder {
    public static let password = "strand-demo-2026"

    /// The departments' names, in the language the demo is seeded in: the head office, the two
    /// sales departments, the service department.
    public static let departmentsInChinese = ["总经理室", "销售一部", "销售二部", "客服部"]

    public static func run(database: StoreDatabase, catalog: EntityCatalog, hashPassword: @escaping @Sendable (String) throws -> String,
                           customers: Int = 200, departments names: [String] = departmentsInChinese) async throws {
        guard try await database.read({ try await Directory.user(username: "wangzong", db: $0) }) == nil else { return }
        let admin = try await database.read { try await Directory.actor(userId: try await Directory.user(username: "admin", db: $0)!.id, db: $0)! }
        let directory = DirectoryService(database: database, hashPassword: hashPassword)
        let context = WriteContext(actor: admin, ip: "127.0.0.1", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let head = try await directory.createDepartment(name: names[0], parentId: nil, context: context)
        let sales1 = try await directory.createDepartment(name: names[1], parentId: head.id, context: context)
        let sales2 = try await directory.createDepartment(name: names[2], parentId: head.id, context: context)
        let service = try await directory.createDepartment(name: names[3], parentId: head.id, context: context)
        let people: [(String, String, Department, String)] = [
            ("wangzong", "王建国", head, "general_manager"), ("lijingli", "李明", sales1, "manager"), ("zhaojingli", "赵丽", sales2, "manager"),
            ("zhangwei", "张伟", sales1, "sales_rep"), ("liufang", "刘芳", sales1, "sales_rep"), ("chenjie", "陈杰", sales1, "sales_rep"),
            ("yangyang", "杨洋", sales2, "sales_rep"), ("huangmin", "黄敏", sales2, "sales_rep"), ("zhoujing", "周静", service, "manager"),
            ("wuqiang", "吴强", service, "sales_rep"),
        ]
        var reps: [Actor] = []
        for (username, name, department, role) in people {
            var input = DirectoryService.UserInput()
            (input.username, input.name, input.password) = (username, name, self.password)
            (input.departmentId, input.roleKeys) = (.some(department.id), [role])
            let user = try await directory.createUser(input, context: context)
            if role != "general_manager" { reps.append(try await database.read { try await Directory.actor(userId: user.id, db: $0)! }) }
        }
        var rng = SeededRandom(seed: 2026)
        let records = RecordService(database: database, catalog: catalog)
        for index in 0..<customers {
            let owner = reps[index % reps.count]
            guard let customer = try await self.customer(records: records, catalog: catalog, owner: owner, rng: &rng) else { continue }
            // A deal for every third customer, its stage going round the pipeline.
            if index % 3 == 0 { try await self.deal(customer, stage: index / 3, records: records, catalog: catalog, owner: owner, rng: &rng) }
            if index < reps.count * 2 { try await self.week(customer, records: records, catalog: catalog, owner: owner, rng: &rng) }
        }
        if customers > 0 {
            for index in 0..<30 { try await self.lead(index, records: records, catalog: catalog, owner: reps[index % reps.count], rng: &rng) }
        }
    }

    @discardableResult
    static func customer(records: RecordService, catalog: EntityCatalog, owner: Actor, rng: inout SeededRandom) async throws -> Record? {
        let ownerContext = WriteContext(actor: owner, ip: "127.0.0.1", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let place = SampleData.place(&rng)
        let input: [String: InputValue] = [
            "name": .string(SampleData.company(&rng, city: place.city)),
            "type": .string(["direct", "channel", "key_account", "individual"].randomElement(using: &rng)!),
            "status": .string(["potential", "active", "won", "dormant"].randomElement(using: &rng)!),
            "grade": .string(["A", "B", "B", "C", "C", "D"].randomElement(using: &rng)!),
            "industry": .string(CustomerChoices.industries.randomElement(using: &rng)!),
            "source": .string(CustomerChoices.sources.randomElement(using: &rng)!),
            "province": .string(place.province), "city": .string(place.city),
            "phone": .string(SampleData.mobile(&rng)), "credit_code": .string(SampleData.creditCode(&rng)),
        ]
        guard let customer = try? await records.create(catalog.entity(EntityKey.customer)!, input: input, context: ownerContext).record else { return nil }
        var boss: Int64?
        for position in SampleData.positions.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)) {
            var contact: [String: InputValue] = [
                "customer_id": .number(String(customer.id)), "name": .string(SampleData.person(&rng)),
                "position": .string(position), "mobile": .string(SampleData.mobile(&rng)), "is_primary": .bool(boss == nil),
            ]
            if let boss { contact["reports_to_id"] = .number(String(boss)) }
            let created = try await records.create(catalog.entity(EntityKey.contact)!, input: contact, context: ownerContext).record
            boss = boss ?? created.id
        }
        for daysAgo in [30, 12, 3].prefix(Int.random(in: 1...3, using: &rng)) {
            let when = Date().addingTimeInterval(-Double(daysAgo) * 86_400)
            _ = try await records.create(catalog.entity(EntityKey.followUp)!, input: [
                "customer_id": .number(String(customer.id)), "happened_at": .string(ISO8601DateFormatter().string(from: when)),
                "method": .string(["visit", "call", "email", "message"].randomElement(using: &rng)!),
                "phase": .string(["pre_sale", "in_sale", "after_sale"].randomElement(using: &rng)!),
                "content": .string(SampleData.conversation(&rng)),
            ], context: ownerContext)
        }
        return customer
    }
}
