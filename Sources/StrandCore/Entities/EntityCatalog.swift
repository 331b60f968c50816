/// The entities Strand ships with. Custom fields added by administrators are appended to these
/// definitions at run time.
public struct EntityCatalog: Sendable {
    public private(set) var entities: [EntityDefinition]

    public init(_ entities: [EntityDefinition] = [.customer, .contact, .followUp, .lead, .opportunity, .competitor, .dealCompetitor, .dealContact,
                                                   .productCategory, .product, .priceBook, .priceBookEntry, .quotation,
                                                   .salesOrder, .contract, .instalment, .payment, .invoice,
                                                   .supplier, .payable, .supplierPayment, .event, .task]) {
        self.entities = entities
    }

    public func entity(_ key: String) -> EntityDefinition? {
        self.entities.first { $0.key == key }
    }

    public func entity(resource: String) -> EntityDefinition? {
        self.entities.first { $0.resource == resource }
    }

    public func entity(searchCode: Int) -> EntityDefinition? {
        self.entities.first { $0.searchCode == searchCode }
    }

    /// Entities whose owner comes from a link to `parent`, such as contacts of a customer.
    public func children(of parent: String) -> [EntityDefinition] {
        self.entities.filter { child in
            guard let link = child.ownerLinkField else { return false }
            return child.field(link)?.linkTo == parent
        }
    }

    /// Entities whose records each belong to one record of `parent` through a required link
    /// (a customer's contacts and follow-ups, and its opportunities), with that link field.
    public func related(to parent: String) -> [(entity: EntityDefinition, field: String)] {
        self.entities.compactMap { entity in
            let link = entity.ownerLinkField.flatMap(entity.field) ?? entity.fields.first { $0.type == .link && $0.required }
            guard let link, link.linkTo == parent else { return nil }
            return (entity, link.key)
        }
    }

    public mutating func addField(_ field: FieldDefinition, to entityKey: String) {
        guard let index = self.entities.firstIndex(where: { $0.key == entityKey }) else { return }
        var custom = field
        custom.custom = true
        self.entities[index].fields.append(custom)
    }
}
