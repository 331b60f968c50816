import StrandWeb
import Vapor

/// `strand serve | migrate | create-admin | seed`; every command first opens and migrates the
/// database and makes sure an administrator exists.
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    try await StrandCommands.prepare(app)
    try await app.execute()
    try await app.asyncShutdown()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
