import Foundation
import StrandCore
import StrandStore
import Vapor

/// One thing that happened to a hub's record: a record that belongs to it (a follow-up, a
/// contract, a payment on that contract), a note, or a change to the record itself.
struct TimelineItem: Sendable {
    enum Kind: Sendable {
        case record(DetailPage.Related, Record)
        case note(Note)
        case change(AuditEntry)
    }

    let at: Int64
    let who: Int64?
    let kind: Kind
}

/// Gathers a hub's timeline. The related lists the page already read are used as they are;
/// what else points at the record (an event, a task, the lead it came from) and what belongs
/// to those records (a contract's payments) is read here, each source one scoped query, at once.
enum Timeline {
    /// Records of `entity` whose `link` is one of `ids`.
    struct Source: Sendable {
        let entity: EntityDefinition
        let link: String
        let ids: [Int64]
        /// Its link names the hub's record, so the timeline need not repeat it.
        let pointsAtHub: Bool
    }

    static let perSource = 20
    static let shown = 60

    static func make(_ request: Request, entity: EntityDefinition, record: Record, related: [DetailPage.Related],
                     notes: [Note], history: [AuditEntry]) async throws -> [TimelineItem] {
        let catalog = request.strand.catalog
        let actor = try request.requireIdentity().actor
        let read = Set(related.map(\.entity.key))
        let pointing = catalog.entities.compactMap { child -> Source? in
            guard !read.contains(child.key), !child.managedByParent, actor.can(.view, on: child.key),
                  let link = child.link(to: entity.key) else { return nil }
            return Source(entity: child, link: link.key, ids: [record.id], pointsAtHub: true)
        }
        var sources = related.filter { !$0.entity.managedByParent }
        sources += try await self.read(pointing, request: request)
        sources += try await self.read(self.belonging(to: sources, besides: entity, catalog: catalog, actor: actor), request: request)
        let timeZone = request.timeZone
        var items = sources.flatMap { source in
            source.records.map { TimelineItem(at: self.moment(of: $0, source.entity, timeZone: timeZone), who: $0.createdBy ?? $0.ownerId, kind: .record(source, $0)) }
        }
        items += notes.map { TimelineItem(at: $0.createdAt, who: $0.userId, kind: .note($0)) }
        items += history.map { TimelineItem(at: $0.at, who: $0.userId, kind: .change($0)) }
        return Array(items.sorted { $0.at > $1.at }.prefix(self.shown))
    }

    /// Records that belong, through a required link, to a record already on the timeline (a
    /// contract's payments), for entities that do not point at the hub's record themselves.
    static func belonging(to sources: [DetailPage.Related], besides hub: EntityDefinition, catalog: EntityCatalog,
                          actor: Actor) -> [Source] {
        let present = Set(sources.map(\.entity.key))
        return catalog.entities.flatMap { child -> [Source] in
            guard !present.contains(child.key), !child.managedByParent, actor.can(.view, on: child.key),
                  !child.fields.contains(where: { $0.type == .link && $0.linkTo == hub.key }) else { return [] }
            return child.fields.compactMap { link in
                guard link.type == .link, link.required, link.filterable, let source = sources.first(where: { $0.entity.key == link.linkTo }),
                      !source.records.isEmpty else { return nil }
                return Source(entity: child, link: link.key, ids: source.records.map(\.id), pointsAtHub: false)
            }
        }
    }

    /// Each source's newest records pointing at `ids`, read concurrently, with their lookups.
    static func read(_ sources: [Source], request: Request) async throws -> [DetailPage.Related] {
        let actor = try request.requireIdentity().actor
        let database = request.strand.database
        return try await withThrowingTaskGroup(of: DetailPage.Related?.self) { group in
            for source in sources {
                group.addTask {
                    let entity = source.entity
                    var query = ListQuery()
                    query.filters = [ListQuery.Filter(column: source.link, operation: .equals(source.ids.map(FieldValue.integer)))]
                    query.limit = self.perSource
                    if let when = self.momentField(of: entity), when.sortable { query.sort = ListQuery.Sort(column: when.key, descending: true) }
                    let page = try await database.list(entity, query: query, scope: actor.filter(.view, on: entity.key))
                    guard !page.records.isEmpty else { return nil }
                    let lookups = try await Lookups.load(for: page.records, entity: entity, request: request)
                    return DetailPage.Related(entity: entity, linkField: source.pointsAtHub ? source.link : "", records: page.records,
                                              lookups: lookups, inlineForm: nil, newPath: nil)
                }
            }
            var found: [DetailPage.Related] = []
            for try await related in group { if let related { found.append(related) } }
            return found.sorted { $0.entity.searchCode < $1.entity.searchCode }
        }
    }

    /// The field that says when a record happened, one every record has: a follow-up's time, a
    /// payment's day. A date that may be empty is a plan (a deal's expected close), so a record
    /// without a required one is placed by when it was made.
    static func momentField(of entity: EntityDefinition) -> FieldDefinition? {
        let set = entity.fields.filter { !$0.maintained && $0.required }
        return set.first { $0.type == .dateTime } ?? set.first { $0.type == .date }
    }

    static func moment(of record: Record, _ entity: EntityDefinition, timeZone: TimeZone) -> Int64 {
        guard let field = self.momentField(of: entity) else { return record.createdAt }
        switch record[field.key] {
        case .integer(let millis): return millis
        case .text(let text): return CalendarDay(text)?.start(in: timeZone) ?? record.createdAt
        default: return record.createdAt
        }
    }
}
