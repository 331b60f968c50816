import StrandCore
import StrandStore

extension Lookups {
    /// Everything `records` refer to, one query per linked entity plus the directory.
    static func load(for records: [Record], entity: EntityDefinition, strand: Strand, actor: Actor) async throws -> Lookups {
        var lookups = Lookups()
        let directory = try await strand.database.read { db in
            (try await Directory.users(db: db), try await Directory.departments(db: db))
        }
        lookups.users = Dictionary(uniqueKeysWithValues: directory.0.map { ($0.id, $0.name) })
        lookups.departments = Dictionary(uniqueKeysWithValues: directory.1.map { ($0.id, $0.name) })
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
