import StrandCore
import Vapor

/// Import from spreadsheets and export of any list, in CSV and Excel.
struct TransferFeature: Feature {
    func register(_ routes: FeatureRoutes) {
        ImportController.register(routes.pages)
        ApiImportsController.register(routes.api)
        for resource in routes.catalog.entities.map(\.resource) {
            routes.pages.get(.constant(resource), "export") { try await ExportController.list($0, resource) }
        }
    }

    var menu: [MenuItem] {
        [MenuItem(path: "/imports", label: "nav.imports", area: .system, shown: { context in
            context.catalog.entities.contains { context.identity?.actor.can(.create, on: $0.key) ?? false }
        })]
    }

    var strings: [FeatureStrings] { [FeatureStrings(simplified: Catalog.zhHansTransfer, english: Catalog.enTransfer)] }
}
