import Foundation
import StrandCore

/// The demo's deals in every stage, this week's visits, calls and tasks, and leads waiting to be
/// worked, so that the board, the funnel, the calendar and the workbench show something believable.
extension DemoSeeder {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let stages = ["initial", "needs", "proposal", "negotiation", "won", "lost"]
    static let products = ["ERP 实施项目", "CRM 年度订阅", "数据中台建设", "智能仓储系统", "设备维保服务", "培训与咨询"]

    static func context(_ owner: Actor) -> WriteContext {
        WriteContext(actor: owner, ip: "127.0.0.1", timeZone: self.zone)
    }

    static func day(_ offset: Int) -> String {
        DateTimeText.day(Clock.millis() + Int64(offset) * 86_400_000, timeZone: self.zone).description
    }

    static func deal(_ customer: Record, stage index: Int, records: RecordService, catalog: EntityCatalog, owner: Actor,
                     rng: inout SeededRandom) async throws {
        let stage = self.stages[index % self.stages.count]
        var input: [String: InputValue] = [
            "name": .string((customer["name"].textValue ?? "") + " · " + self.products.randomElement(using: &rng)!),
            "customer_id": .number(String(customer.id)), "stage": .string(stage),
            "amount": .number(String(Int.random(in: 2...120, using: &rng) * 10_000)),
            "expected_close": .string(self.day(Int.random(in: -20...90, using: &rng))),
            "source": .string(CustomerChoices.sources.randomElement(using: &rng)!),
        ]
        if stage == "lost" { input["lost_reason"] = .string(OpportunityChoices.lostReasons.randomElement(using: &rng)!) }
        _ = try? await records.create(catalog.entity(EntityKey.opportunity)!, input: input, context: self.context(owner))
    }

    /// Two visits or calls in the week around today and a task, one of them overdue.
    static func week(_ customer: Record, records: RecordService, catalog: EntityCatalog, owner: Actor, rng: inout SeededRandom) async throws {
        let midnight = CalendarDay(self.day(0))!.start(in: self.zone)
        for _ in 0..<2 {
            let start = midnight + Int64(Int.random(in: -2...4, using: &rng)) * 86_400_000 + Int64(Int.random(in: 9...16, using: &rng)) * 3_600_000
            let kind = ["visit", "call", "meeting"].randomElement(using: &rng)!
            _ = try? await records.create(catalog.entity(EntityKey.event)!, input: [
                "subject": .string((kind == "visit" ? "拜访" : kind == "call" ? "电话沟通" : "方案会议") + "：" + (customer["name"].textValue ?? "")),
                "kind": .string(kind), "customer_id": .number(String(customer.id)),
                "starts_at": .string(DateTimeText.iso(start)), "ends_at": .string(DateTimeText.iso(start + 3_600_000)),
            ], context: self.context(owner))
        }
        _ = try? await records.create(catalog.entity(EntityKey.task)!, input: [
            "subject": .string(["准备报价单", "发送合同草稿", "确认付款计划", "整理需求清单"].randomElement(using: &rng)!),
            "due_date": .string(self.day(Int.random(in: -2...5, using: &rng))), "priority": .string(["normal", "high"].randomElement(using: &rng)!),
            "status": .string("open"), "customer_id": .number(String(customer.id)),
        ], context: self.context(owner))
    }

    static func lead(_ index: Int, records: RecordService, catalog: EntityCatalog, owner: Actor, rng: inout SeededRandom) async throws {
        let place = SampleData.place(&rng)
        _ = try? await records.create(catalog.entity(EntityKey.lead)!, input: [
            "company": .string(SampleData.company(&rng, city: place.city)), "contact_name": .string(SampleData.person(&rng)),
            "phone": .string(SampleData.mobile(&rng)), "status": .string(["new", "contacted", "qualified", "unqualified"][index % 4]),
            "source": .string(CustomerChoices.sources.randomElement(using: &rng)!), "province": .string(place.province), "city": .string(place.city),
        ], context: self.context(owner))
    }
}
