import SQLKit
import StrandCore

/// A contract's payment plan (回款计划), replaced as a whole: its instalments add up to the
/// contract amount exactly; an instalment already paid into is neither removed nor cut below
/// what was received. Each instalment is written through the pipeline, with its audit row.
public struct PlannedInstalment: Sendable, Equatable {
    public var id: Int64?
    public var label: String
    public var dueDate: String
    public var amount: String

    public init(id: Int64? = nil, label: String, dueDate: String, amount: String) {
        (self.id, self.label, self.dueDate, self.amount) = (id, label, dueDate, amount)
    }
}

extension RecordService {
    public func replacePlan(contract id: Int64, with plan: [PlannedInstalment], context: WriteContext) async throws -> [Record] {
        guard let contracts = self.catalog.entity(EntityKey.contract), let instalments = self.catalog.entity(EntityKey.instalment) else { throw RecordError.notFound }
        guard plan.count <= 120 else { throw RecordError.invalid(ValidationFailure(["plan": FieldError("too_many_lines", ["max": "120"])])) }
        return try await self.database.write { db in
            let contract = try await self.editable(contracts, id: id, action: .edit, context: context, db: db)
            let amounts = plan.map { ScaledDecimal.parse($0.amount.trimmingCharacters(in: .whitespaces), scale: 2) }
            let planned = amounts.compactMap { $0 }.reduce(0, +)
            if amounts.allSatisfy({ $0 != nil }), planned != contract["amount"].integerValue ?? 0 {
                throw RecordError.invalid(ValidationFailure(["plan": FieldError("plan_sum", [
                    "planned": ScaledDecimal.format(planned, scale: 2),
                    "amount": ScaledDecimal.format(contract["amount"].integerValue ?? 0, scale: 2)])]))
            }
            var query = ListQuery()
            query.filters = [ListQuery.Filter(column: "contract_id", operation: .equals([.integer(id)]))]
            query.limit = 500
            let existing = try await RecordStore.list(instalments, query: query, scope: ScopeFilter(.everything), dialect: self.database.dialect, db: db).records
            let kept = Set(plan.compactMap(\.id))
            let dropped = existing.filter { !kept.contains($0.id) }
            if let paid = dropped.first(where: { ($0["received"].integerValue ?? 0) > 0 }) {
                throw RecordError.invalid(ValidationFailure(["plan": FieldError("instalment_paid", ["label": paid["label"].textValue ?? ""])]))
            }
            for old in dropped { try await self.delete(instalments, id: old.id, context: context, right: .edit, in: db) }
            var written: [Record] = []
            for (index, line) in plan.enumerated() {
                let input: [String: InputValue] = ["contract_id": .number(String(id)), "label": .string(line.label),
                                                   "due_date": .string(line.dueDate), "amount": .string(line.amount)]
                do {
                    if let instalmentId = line.id {
                        guard let old = existing.first(where: { $0.id == instalmentId }) else { throw RecordError.notFound }
                        if let amount = amounts[index], amount < old["received"].integerValue ?? 0 {
                            throw RecordError.invalid(ValidationFailure(["amount": FieldError("below_received")]))
                        }
                        written.append(try await self.update(instalments, id: instalmentId, input: input, expectedVersion: nil, context: context, in: db))
                    } else {
                        let preset: [String: FieldValue] = ["customer_id": contract["customer_id"], "received": .integer(0), "status": .text("open")]
                        written.append(try await self.create(instalments, input: input, context: context, preset: preset, in: db).record)
                    }
                } catch RecordError.invalid(let failure) {
                    // Errors name the row, so the plan form shows them beside it.
                    throw RecordError.invalid(ValidationFailure(Dictionary(uniqueKeysWithValues: failure.fields.map { ("plan.\(index).\($0.key)", $0.value) })))
                }
            }
            return written
        }
    }
}
