import StrandCore

/// One row of an entity table: its field values and the system columns every record has.
public struct Record: Sendable, Equatable {
    public var id: Int64
    public var version: Int64
    public var ownerId: Int64?
    public var departmentId: Int64?
    public var createdBy: Int64?
    public var updatedBy: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64
    public var deletedAt: Int64?
    public var values: [String: FieldValue]

    public init(id: Int64, version: Int64, ownerId: Int64? = nil, departmentId: Int64? = nil, createdBy: Int64? = nil,
                updatedBy: Int64? = nil, createdAt: Int64, updatedAt: Int64, deletedAt: Int64? = nil,
                values: [String: FieldValue]) {
        (self.id, self.version, self.ownerId, self.departmentId) = (id, version, ownerId, departmentId)
        (self.createdBy, self.updatedBy, self.createdAt, self.updatedAt) = (createdBy, updatedBy, createdAt, updatedAt)
        (self.deletedAt, self.values) = (deletedAt, values)
    }

    public subscript(field: String) -> FieldValue {
        self.values[field] ?? .null
    }

    public func title(_ entity: EntityDefinition) -> String {
        self[entity.titleField].textValue ?? "#\(self.id)"
    }
}
