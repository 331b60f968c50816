import Foundation
import StrandCore
import StrandStore

/// A small company for tests: 总经理室 over 销售一部 and 销售二部, and one person in each role.
public struct Company: Sendable {
    public let database: StoreDatabase
    /// Where the database is, to open a second handle on it as a second server would.
    public let location: StoreDatabase.Location
    public let catalog: EntityCatalog
    public let headOffice: Department
    public let salesOne: Department
    public let salesTwo: Department
    public let admin: Actor
    public let generalManager: Actor
    public let managerOne: Actor
    public let repOne: Actor
    public let repOneB: Actor
    public let repTwo: Actor

    public var records: RecordService { RecordService(database: self.database, catalog: self.catalog) }
    public var directory: DirectoryService { DirectoryService(database: self.database, hashPassword: { "test:" + $0 }) }

    public static func make(_ backend: TestBackend, shared: Bool = false) async throws -> Company {
        let catalog = EntityCatalog()
        let (database, location) = try await TestDatabase.fresh(backend, catalog: catalog, shared: shared)
        let hash = "test:" + "admin-password"
        _ = try await Bootstrap.ensureAdmin(database, passwordHash: hash)
        let adminUser = try await database.read { try await Directory.user(username: "admin", db: $0)! }
        let admin = try await database.read { try await Directory.actor(userId: adminUser.id, db: $0)! }
        let directory = DirectoryService(database: database, hashPassword: { "test:" + $0 })
        let context = WriteContext(actor: admin, ip: "127.0.0.1", timeZone: .shanghai)
        let head = try await directory.createDepartment(name: "总经理室", parentId: nil, context: context)
        let one = try await directory.createDepartment(name: "销售一部", parentId: head.id, context: context)
        let two = try await directory.createDepartment(name: "销售二部", parentId: head.id, context: context)
        func person(_ username: String, _ name: String, _ department: Department, _ role: String) async throws -> Actor {
            var input = DirectoryService.UserInput()
            (input.username, input.name, input.password) = (username, name, "password-\(username)")
            (input.departmentId, input.roleKeys) = (.some(department.id), [role])
            let user = try await directory.createUser(input, context: context)
            return try await database.read { try await Directory.actor(userId: user.id, db: $0)! }
        }
        return Company(
            database: database, location: location, catalog: catalog, headOffice: head, salesOne: one, salesTwo: two, admin: admin,
            generalManager: try await person("boss", "王总", head, "general_manager"),
            managerOne: try await person("manager1", "李经理", one, "manager"),
            repOne: try await person("rep1", "张三", one, "sales_rep"),
            repOneB: try await person("rep1b", "赵六", one, "sales_rep"),
            repTwo: try await person("rep2", "王五", two, "sales_rep")
        )
    }

    public func context(_ actor: Actor) -> WriteContext {
        WriteContext(actor: actor, ip: "127.0.0.1", timeZone: .shanghai)
    }

    public func entity(_ key: String) -> EntityDefinition { self.catalog.entity(key)! }

    /// Creates a customer owned by `actor` with a contact and a follow-up.
    @discardableResult
    public func customer(_ name: String, by actor: Actor, extra: [String: InputValue] = [:]) async throws -> Record {
        var input: [String: InputValue] = ["name": .string(name), "type": .string("direct"), "status": .string("potential")]
        input.merge(extra) { $1 }
        return try await self.records.create(self.entity("customer"), input: input, context: self.context(actor)).record
    }
}

extension TimeZone {
    public static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
}
