import StrandCore
import StrandStore
import Vapor

/// The services a request handler reaches through `req.strand`.
public struct Strand: Sendable {
    public let config: StrandConfig
    public let database: StoreDatabase
    public let catalog: EntityCatalog
    public let imports = ImportProgress()

    public var records: RecordService { RecordService(database: self.database, catalog: self.catalog) }

    public var directory: DirectoryService {
        let cost = self.config.bcryptCost
        return DirectoryService(database: self.database, hashPassword: { try Bcrypt.hash($0, cost: cost) })
    }
}

extension Application {
    struct StrandKey: StorageKey {
        typealias Value = Strand
    }

    public var strand: Strand {
        get { self.storage[StrandKey.self]! }
        set { self.storage[StrandKey.self] = newValue }
    }
}

extension Request {
    public var strand: Strand { self.application.strand }
}
