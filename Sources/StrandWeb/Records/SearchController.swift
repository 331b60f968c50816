import StrandCore
import StrandStore
import Vapor

/// The one search box: a results page, live results as you type, and the API, all from the
/// search index under the reader's scope.
enum SearchController {
    struct Result: Sendable {
        let entity: EntityDefinition
        let record: Record
        let subtitle: String
    }

    static func run(_ request: Request, query: String, limit: Int) async throws -> [Result] {
        let identity = try request.requireIdentity()
        let strand = request.strand
        let entities = strand.catalog.entities.filter { !$0.searchedFields.isEmpty }
        let hits = try await strand.database.search(query, entities: entities, actor: identity.actor, limit: limit)
        var results: [Result] = []
        for entity in entities {
            let ids = hits.filter { $0.entity == entity.key }.map(\.recordId)
            guard !ids.isEmpty else { continue }
            let records = try await strand.database.find(entity, ids: ids, scope: identity.actor.filter(.view, on: entity.key))
            let lookups = try await Lookups.load(for: records, entity: entity, request: request)
            let strings = request.strings
            for record in records {
                let subtitle = entity.listedFields.filter { $0.key != entity.titleField && identity.actor.access(to: $0.key, of: entity.key) != .hidden }
                    .map { $0.display(record[$0.key], entity: entity.key, strings: strings, timeZone: identity.timeZone, lookups: lookups) }
                    .filter { !$0.isEmpty }.prefix(3).joined(separator: " · ")
                results.append(Result(entity: entity, record: record, subtitle: strings("entity.\(entity.key)") + " · " + subtitle))
            }
        }
        let order = Dictionary(hits.enumerated().map { ("\($0.element.entity)#\($0.element.recordId)", $0.offset) }, uniquingKeysWith: min)
        return results.sorted { (order["\($0.entity.key)#\($0.record.id)"] ?? 0) < (order["\($1.entity.key)#\($1.record.id)"] ?? 0) }
    }

    static func query(_ request: Request) -> String {
        String((request.query[String.self, at: "q"] ?? "").prefix(100))
    }

    static func live(_ request: Request) async throws -> Response {
        let results = try await self.run(request, query: self.query(request), limit: 10)
        return .json(.object(["results": .array(results.map { result in
            .object(["title": .string(result.record.title(result.entity)), "subtitle": .string(result.subtitle),
                     "url": .string("/\(result.entity.resource)/\(result.record.id)"), "entity": .string(result.entity.key)])
        })]))
    }

    static func api(_ request: Request) async throws -> Response {
        let limit = min(max(request.query[Int.self, at: "limit"] ?? 20, 1), 100)
        let results = try await self.run(request, query: self.query(request), limit: limit)
        return .json(.object(["data": .array(results.map { result in
            .object(["entity": .string(result.entity.key), "id": .int(result.record.id),
                     "title": .string(result.record.title(result.entity)), "subtitle": .string(result.subtitle)])
        }), "next_cursor": .null]))
    }

    static func page(_ request: Request) async throws -> Response {
        let query = self.query(request)
        let results = query.isEmpty ? [] : try await self.run(request, query: query, limit: 50)
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("search.title")) {
            el("section", .class("card")) {
                el("h1") { s("search.title") + (query.isEmpty ? "" : "：" + query) }
                el("p", .class("muted")) { s("search.hint") }
                if !query.isEmpty && results.isEmpty { el("p") { s("search.none") } }
                el("ul", .class("results")) {
                    for result in results {
                        el("li") {
                            el("a", .href("/\(result.entity.resource)/\(result.record.id)")) { result.record.title(result.entity) }
                            el("span", .class("muted")) { " " + result.subtitle }
                        }
                    }
                }
            }
        }
    }
}
