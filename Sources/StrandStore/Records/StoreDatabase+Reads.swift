import StrandCore

/// The reads pages, the API and exports use; each takes the scope it must apply.
extension StoreDatabase {
    public func list(_ entity: EntityDefinition, query: ListQuery, scope: ScopeFilter) async throws -> Page {
        let dialect = self.dialect
        return try await self.read { try await RecordStore.list(entity, query: query, scope: scope, dialect: dialect, db: $0) }
    }

    public func find(_ entity: EntityDefinition, id: Int64, scope: ScopeFilter, deleted: Bool = false) async throws -> Record? {
        try await self.read { try await RecordStore.find(entity, id: id, scope: scope, deleted: deleted, db: $0) }
    }

    public func find(_ entity: EntityDefinition, ids: [Int64], scope: ScopeFilter) async throws -> [Record] {
        try await self.read { try await RecordStore.find(entity, ids: ids, scope: scope, db: $0) }
    }

    public func search(_ query: String, entities: [EntityDefinition], actor: Actor, limit: Int) async throws -> [SearchIndex.Hit] {
        let dialect = self.dialect
        return try await self.read {
            try await SearchIndex.search(query, entities: entities, actor: actor, limit: limit, dialect: dialect, db: $0)
        }
    }
}
