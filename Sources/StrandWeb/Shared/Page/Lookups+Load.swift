import StrandCore
import StrandStore
import Vapor

extension Lookups {
    /// Everything `records` refer to, one query per linked entity plus the directory.
    static func load(for records: [Record], entity: EntityDefinition, request: Request) async throws -> Lookups {
        let strand = request.strand
        let actor = try request.requireIdentity().actor
        var lookups = Lookups()
        (lookups.users, lookups.departments) = try await request.directoryNames()
        let fileIds = entity.fields.filter { $0.type == .files }.flatMap { field in
            records.flatMap { record -> [String] in if case .list(let ids) = record[field.key] { ids } else { [] } }
        }
        if !fileIds.isEmpty {
            let files = try await strand.database.read { try await FileStore.find(ids: fileIds, db: $0) }
            lookups.files = Dictionary(uniqueKeysWithValues: files.map { ($0.id, $0) })
        }
        for field in entity.fields where field.type == .link {
            guard let key = field.linkTo, let target = strand.catalog.entity(key) else { continue }
            let ids = Array(Set(records.compactMap { $0[field.key].integerValue }))
            guard !ids.isEmpty else { continue }
            let linked = try await strand.database.find(target, ids: ids, scope: actor.filter(.view, on: target.key))
            for record in linked { lookups.titles[target.key, default: [:]][record.id] = record.title(target) }
        }
        return lookups
    }
}

extension Request {
    struct DirectoryNamesKey: StorageKey {
        typealias Value = ([Int64: String], [Int64: String])
    }

    /// Names of users and departments, read once per request however many lists a page shows.
    func directoryNames() async throws -> (users: [Int64: String], departments: [Int64: String]) {
        if let names = self.storage[DirectoryNamesKey.self] { return names }
        let names = try await self.strand.database.read { db in
            (Dictionary(uniqueKeysWithValues: try await Directory.users(db: db).map { ($0.id, $0.name) }),
             Dictionary(uniqueKeysWithValues: try await Directory.departments(db: db).map { ($0.id, $0.name) }))
        }
        self.storage[DirectoryNamesKey.self] = names
        return names
    }
}
