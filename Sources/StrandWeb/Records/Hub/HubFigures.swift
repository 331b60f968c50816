import StrandCore
import StrandStore
import Vapor

/// A figure a feature adds to the summary at the top of a hub page: a customer's open deals,
/// what it still owes.
struct HubFigure: Sendable {
    let label: String
    let value: String
    var path: String?
    /// Something the reader should act on, such as money overdue.
    var warning = false
}

enum HubFigures {
    typealias Source = @Sendable (Request, EntityDefinition, Record) async throws -> [HubFigure]

    /// Each feature's figures, in the order the summary shows them.
    static let sources: [Source] = [OpenDealsFigure.figures, ReceivableFigure.figures]

    static func make(_ request: Request, entity: EntityDefinition, record: Record) async throws -> [HubFigure] {
        try await withThrowingTaskGroup(of: (Int, [HubFigure]).self) { group in
            for (index, source) in self.sources.enumerated() {
                group.addTask { (index, try await source(request, entity, record)) }
            }
            var found: [(Int, [HubFigure])] = []
            for try await figures in group { found.append(figures) }
            return found.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// The filter that selects the records of `child` pointing at `record`, if a field of it may.
    static func pointing(_ child: EntityDefinition, at entity: EntityDefinition, _ record: Record) -> (link: String, query: ListQuery)? {
        guard let link = child.link(to: entity.key) else { return nil }
        var query = ListQuery()
        query.filters = [ListQuery.Filter(column: link.key, operation: .equals([.integer(record.id)]))]
        return (link.key, query)
    }
}

extension EntityDefinition {
    /// The field by which a list of these records can be narrowed to those pointing at one of `entity`.
    func link(to entity: String) -> FieldDefinition? {
        self.fields.first { $0.type == .link && $0.filterable && $0.linkTo == entity }
    }
}
