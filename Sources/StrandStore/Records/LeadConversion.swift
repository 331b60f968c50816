import SQLKit
import StrandCore

extension RecordService {
    /// What a lead became.
    public struct Conversion: Sendable {
        public let customer: Record
        public let contact: Record?
        public let opportunity: Record?
    }

    /// Turns a lead into a customer (or attaches it to `existingCustomer`, such as a duplicate the
    /// check found), a contact for its person and, when `opportunity` is given, an opportunity,
    /// in one transaction through the ordinary create path; the lead is marked converted and
    /// points at the customer. Any refusal on the way leaves nothing written.
    public func convertLead(id: Int64, existingCustomer: Int64? = nil, opportunity: [String: InputValue]? = nil,
                            context: WriteContext) async throws -> Conversion {
        guard let leads = self.catalog.entity(EntityKey.lead), let customers = self.catalog.entity(EntityKey.customer),
              let contacts = self.catalog.entity(EntityKey.contact), let opportunities = self.catalog.entity(EntityKey.opportunity) else {
            throw RecordError.notFound
        }
        return try await self.database.write { db in
            let lead = try await self.editable(leads, id: id, action: .edit, context: context, db: db)
            guard lead["status"] != .text("converted") else {
                throw RecordError.invalid(ValidationFailure(["status": FieldError("already_converted")]))
            }
            let owner = lead.ownerId.map { InputValue.string(String($0)) }
            let customer: Record
            if let existingCustomer {
                guard let found = try await RecordStore.find(customers, id: existingCustomer,
                                                             scope: context.actor.filter(.view, on: customers.key), db: db) else {
                    throw RecordError.invalid(ValidationFailure(["customer_id": FieldError("not_found")]))
                }
                customer = found
            } else {
                var input = Self.copied(lead, ["name": "company", "phone": "phone", "email": "email", "industry": "industry",
                                               "source": "source", "province": "province", "city": "city"])
                input["status"] = .string("potential")
                input[RecordInput.ownerKey] = owner
                customer = try await self.create(customers, input: input, context: context, acknowledgeWarnings: false, in: db).record
            }
            var contact: Record?
            if !(lead["contact_name"].isEmpty) {
                var input = Self.copied(lead, ["name": "contact_name", "position": "position", "mobile": "phone", "email": "email"])
                input["customer_id"] = .string(String(customer.id))
                contact = try await self.create(contacts, input: input, context: context, in: db).record
            }
            var deal: Record?
            if var input = opportunity {
                input["customer_id"] = .string(String(customer.id))
                input[RecordInput.ownerKey] = owner
                deal = try await self.create(opportunities, input: input, context: context, in: db).record
            }
            _ = try await self.update(leads, id: id, input: ["status": .string("converted"), "converted_customer_id": .string(String(customer.id))],
                                      expectedVersion: lead.version, context: context, in: db)
            return Conversion(customer: customer, contact: contact, opportunity: deal)
        }
    }

    /// Input for another entity from a lead's values: target field to lead field, empty ones left out.
    static func copied(_ lead: Record, _ fields: [String: String]) -> [String: InputValue] {
        fields.reduce(into: [:]) { input, pair in
            if case .text(let text) = lead[pair.value], !text.isEmpty { input[pair.key] = .string(text) }
        }
    }
}
