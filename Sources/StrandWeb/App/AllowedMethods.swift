import Vapor

/// The methods each registered path answers, so that a known path asked with another method
/// answers 405 with `Allow` instead of pretending the path does not exist.
/// Built once after every route is registered and only read afterwards.
struct AllowedMethods: @unchecked Sendable {
    private let router: TrieRouter<Int>
    private let methods: [[HTTPMethod]]

    init(_ routes: [Route]) {
        var slots: [String: Int] = [:], methods: [[HTTPMethod]] = []
        let router = TrieRouter(Int.self)
        for route in routes {
            let shape = route.path.map(Self.shape).joined(separator: "/")
            if let slot = slots[shape] {
                methods[slot].append(route.method)
            } else {
                slots[shape] = methods.count
                // One name for every parameter: two methods may call the same place `:id` and `:import`.
                router.register(methods.count, at: [Self.root] + route.path.map { if case .parameter = $0 { .parameter("_") } else { $0 } })
                methods.append([route.method])
            }
        }
        self.router = router
        self.methods = methods
    }

    /// The methods `path` answers; empty when no route has this path at all.
    func methods(for path: String) -> [HTTPMethod] {
        var parameters = Parameters()
        let components = [Self.root.description] + path.split(separator: "/").map { String($0) }
        guard let slot = self.router.route(path: components, parameters: &parameters) else { return [] }
        let methods = self.methods[slot]
        return methods.contains(.GET) && !methods.contains(.HEAD) ? methods + [.HEAD] : methods
    }

    /// Every path hangs under one constant, as the root path has no component of its own.
    private static let root = PathComponent.constant("/")

    private static func shape(_ component: PathComponent) -> String {
        switch component {
        case .constant(let text): text
        case .parameter: ":"
        case .anything: "*"
        case .catchall: "**"
        }
    }
}
