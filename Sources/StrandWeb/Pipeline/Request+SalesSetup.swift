import StrandCore
import StrandStore
import Vapor

extension Request {
    struct SalesSetupKey: StorageKey {
        typealias Value = SalesSetup
    }

    /// The configured pipelines and lost reasons, read once per request.
    func salesSetup() async throws -> SalesSetup {
        if let setup = self.storage[SalesSetupKey.self] { return setup }
        let setup = try await self.strand.database.read { try await SalesSetupStore.load(db: $0) }
        self.storage[SalesSetupKey.self] = setup
        return setup
    }

    /// The entity with its configured choices' options as stored now.
    func resolved(_ entity: EntityDefinition) async throws -> EntityDefinition {
        guard entity.fields.contains(where: { $0.configured != nil }) else { return entity }
        return try await self.salesSetup().resolve(entity)
    }

    func resolvedCatalog() async throws -> EntityCatalog {
        let setup = try await self.salesSetup()
        return EntityCatalog(self.strand.catalog.entities.map(setup.resolve))
    }
}

extension FieldDefinition {
    /// How an option of this choice field reads: the name an administrator gave it, else its
    /// translation.
    func label(of option: String, entity: String, strings: Strings) -> String {
        if let name = self.optionLabels[option], !name.isEmpty { return name }
        return strings.choice(self.optionWordsOf ?? entity, self.key, option)
    }
}

extension EntityDefinition {
    /// How `option` of `field` reads; the option itself when the field is unknown.
    func label(of option: String, in field: String, strings: Strings) -> String {
        self.field(field)?.label(of: option, entity: self.key, strings: strings) ?? option
    }
}
