import StrandStore
import Vapor

/// `strand seed --demo` or `strand seed --customers N`.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "A believable company: departments, ten people, about 200 customers (only the people with --customers)")
        var demo: Bool
        @Option(name: "customers", help: "N synthetic customers with 2 contacts and 3 follow-ups each, for benchmarks")
        var customers: Int?
        @Option(name: "language", help: "zh-Hans (the default), zh-Hant or en: the language the demo's departments are named in")
        var language: String?
    }

    var help: String { "Fill the database with sample data" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let strand = context.application.strand
        if signature.demo {
            let cost = strand.config.bcryptCost
            guard let language = Language(rawValue: signature.language ?? Language.zhHans.rawValue) else {
                throw Abort(.badRequest, reason: "--language is one of " + Language.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let strings = Strings(language)
            try await DemoSeeder.run(database: strand.database, catalog: strand.catalog, hashPassword: { try Bcrypt.hash($0, cost: cost) },
                                     customers: signature.customers == nil ? 200 : 0,
                                     departments: ["head", "sales_1", "sales_2", "service"].map { strings("demo.department.\($0)") })
            context.console.print("Demo company created; every demo user's password is \(DemoSeeder.password)")
        }
        if let count = signature.customers, count > 0 {
            let start = Date()
            let console = context.console
            try await BulkSeeder.run(database: strand.database, catalog: strand.catalog, customers: count) { done in
                if done % 50_000 == 0 || done == count { console.print("\(done) customers") }
            }
            context.console.print(String(format: "Generated %d customers in %.1f s", count, Date().timeIntervalSince(start)))
        }
    }
}
