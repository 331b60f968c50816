import Foundation
import StrandCore
import StrandStore
import Vapor

/// Opens and migrates the database, makes sure an administrator exists, and installs the
/// middleware and routes. The one place a Strand server is put together.
public func configure(_ app: Application, config: StrandConfig) async throws {
    if let problem = config.problems.first { throw Abort(.internalServerError, reason: problem) }
    if !Strings.duplicateKeys.isEmpty { throw Abort(.internalServerError, reason: "string keys defined twice: \(Strings.duplicateKeys)") }
    if !config.inMemory && config.databaseURL == nil {
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
    }
    let catalog = config.catalog
    let database = try StoreDatabase.open(config.location, on: app.eventLoopGroup, threadPool: app.threadPool)
    app.strand = Strand(config: config, database: database, catalog: catalog)
    app.lifecycle.use(DatabaseLifecycle(database: database))
    app.lifecycle.use(JobScheduler())
    try await SchemaApplier.migrate(database, catalog: catalog)
    try await Bootstrap.ensureDefaultRoles(database)
    try await Pools.ensureDefault(database)
    // An import this server was running when it stopped wrote nothing: its transaction died with it.
    try await database.write { try await Imports.markInterrupted(db: $0) }
    try await ensureAdministrator(app, config: config)

    app.http.server.configuration.serverName = nil
    // Forms may carry attachments of up to 20 MB (`FileStore.maxSize`).
    app.routes.defaultMaxBodySize = "25mb"
    try Routes.register(app)
    app.middleware = Middlewares()
    // Outermost, so that the error pages and refusals built below carry the headers too.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(StrandErrorMiddleware(routes: AllowedMethods(app.routes.all)))
    app.middleware.use(RequestLimitsMiddleware())
    app.middleware.use(IdentityMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(FlashMiddleware())
}

/// The first administrator: `STRAND_ADMIN_PASSWORD`, or a generated password printed once.
func ensureAdministrator(_ app: Application, config: StrandConfig) async throws {
    let generated = config.adminPassword == nil
    let password = config.adminPassword ?? String(Secrets.token().prefix(16))
    if let problem = PasswordPolicy.problem(password) {
        throw Abort(.internalServerError, reason: "STRAND_ADMIN_PASSWORD: \(problem.code)")
    }
    let hash = try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: config.bcryptCost) }
    if try await Bootstrap.ensureAdmin(app.strand.database, passwordHash: hash), generated {
        print("Created administrator 'admin' with password: \(password)  (shown only this once)")
    }
}

struct DatabaseLifecycle: LifecycleHandler {
    let database: StoreDatabase

    func shutdownAsync(_ application: Application) async {
        await self.database.shutdown()
    }
}
