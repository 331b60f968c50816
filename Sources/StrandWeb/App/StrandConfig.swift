import Foundation
import StrandCore
import StrandStore

/// Everything Strand reads from its environment, read once at start.
public struct StrandConfig: Sendable {
    public var dataDirectory: String
    public var databaseURL: String?
    public var adminPassword: String?
    public var sessionLifetimes = SessionStore.Lifetimes()
    public var bcryptCost: Int
    /// Use only a private in-memory database (tests).
    public var inMemory = false
    /// The PostgreSQL schema for Strand's tables (`STRAND_DATABASE_SCHEMA`), when not the default.
    public var databaseSchema: String?
    /// The entities this server serves.
    public var catalog = EntityCatalog()
    /// The hour (company time) from which the nightly pool return runs; nil turns the
    /// scheduler off (`STRAND_POOL_RETURN_HOUR=off`), as benchmarks do.
    public var poolReturnHour: Int? = 2
    /// The reverse proxies whose forwarded headers are believed (`STRAND_TRUSTED_PROXIES`).
    public var trustedProxies = TrustedProxies.none
    /// Settings that could not be read; the server refuses to start with any.
    public var problems: [String] = []

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.dataDirectory = environment["STRAND_DATA_DIR"] ?? "data"
        self.databaseURL = environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        self.adminPassword = environment["STRAND_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        self.bcryptCost = environment["STRAND_BCRYPT_COST"].flatMap(Int.init) ?? 11
        self.databaseSchema = environment["STRAND_DATABASE_SCHEMA"].flatMap { $0.isEmpty ? nil : $0 }
        if let hour = environment["STRAND_POOL_RETURN_HOUR"] { self.poolReturnHour = Int(hour).flatMap { (0..<24).contains($0) ? $0 : nil } }
        if let list = environment["STRAND_TRUSTED_PROXIES"] {
            if let proxies = TrustedProxies(list) { self.trustedProxies = proxies } else { self.problems.append("STRAND_TRUSTED_PROXIES: not a list of addresses or CIDR ranges: \(list)") }
        }
        if let minutes = environment["STRAND_SESSION_IDLE_MINUTES"].flatMap(Int64.init) {
            self.sessionLifetimes.idle = minutes * 60_000
        }
        if let hours = environment["STRAND_SESSION_HOURS"].flatMap(Int64.init) {
            self.sessionLifetimes.absolute = hours * 3_600_000
        }
    }

    var location: StoreDatabase.Location {
        if self.inMemory { return .memory }
        if let url = self.databaseURL { return .postgres(url: url, searchPath: self.databaseSchema) }
        return .sqliteFile(path: self.dataDirectory + "/strand.sqlite")
    }
}
