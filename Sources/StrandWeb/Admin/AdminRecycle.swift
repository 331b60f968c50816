import StrandCore
import StrandStore
import Vapor

/// Deleted records of every entity, newest first, each restorable.
enum AdminRecycle {
    static func show(_ request: Request) async throws -> Response {
        let strand = request.strand
        var sections: [(EntityDefinition, [Record])] = []
        for entity in strand.catalog.entities {
            var query = ListQuery()
            query.deleted = true
            query.limit = 50
            sections.append((entity, try await strand.database.list(entity, query: query, scope: ScopeFilter(.everything)).records))
        }
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("nav.recycle")) {
            el("h1") { s("nav.recycle") }
            for (entity, records) in sections {
                el("section", .class("card")) {
                    el("h2") { s("nav.\(entity.resource)") }
                    if records.isEmpty { el("p", .class("muted")) { s("list.empty") } }
                    el("ul", .class("results")) {
                        for record in records {
                            el("li") {
                                el("span") { String(record.title(entity).prefix(80)) }
                                el("span", .class("muted")) { " " + context.time(record.deletedAt ?? record.updatedAt) + " " }
                                el("form", .class("inline"), Attribute("method", "post"), .action("/admin/recycle/\(entity.resource)/\(record.id)")) {
                                    context.csrfField
                                    el("button", .type("submit")) { s("action.restore") }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func restore(_ request: Request) async throws -> Response {
        guard let resource = request.parameters.get("entity"), let entity = request.strand.catalog.entity(resource: resource) else {
            throw RecordError.notFound
        }
        let record = try await request.strand.records.restore(entity, id: try ApiRecordsController.id(request), context: try request.writeContext())
        return request.redirect(to: "/\(entity.resource)/\(record.id)")
    }
}
