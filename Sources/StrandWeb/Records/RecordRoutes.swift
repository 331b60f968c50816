import StrandCore
import Vapor

/// Every entity's pages: its list, saved views and columns, bulk actions, form, page, delete
/// and sharing.
enum RecordRoutes {
    static func register(_ pages: any RoutesBuilder, catalog: EntityCatalog) {
        for resource in catalog.entities.map(\.resource) {
            let routes = pages.grouped(PathComponent(stringLiteral: resource))
            routes.get { try await RecordPages.list($0, resource) }
            routes.get("new") { try await RecordPages.newForm($0, resource) }
            routes.post { try await RecordPages.create($0, resource) }
            routes.post("views") { try await RecordPages.saveView($0, resource) }
            routes.post("columns") { try await ListColumns.choose($0, resource) }
            routes.post("bulk") { try await BulkController.page($0, resource) }
            routes.get(":id") { try await RecordPages.detail($0, resource) }
            routes.get(":id", "edit") { try await RecordPages.editForm($0, resource) }
            routes.post(":id") { try await RecordPages.update($0, resource) }
            routes.get(":id", "delete") { try await RecordPages.confirmDelete($0, resource) }
            routes.post(":id", "delete") { try await RecordPages.delete($0, resource) }
            routes.post(":id", "shares") { try await SharesController.add($0, resource) }
            routes.post(":id", "shares", ":user", "delete") { try await SharesController.remove($0, resource) }
        }
    }
}
