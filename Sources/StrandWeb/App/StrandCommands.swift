import StrandStore
import Vapor

public enum StrandCommands {
    public static func prepare(_ app: Application) async throws {
        try await configure(app, config: StrandConfig())
        app.asyncCommands.use(MigrateCommand(), as: "migrate")
        app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
        app.asyncCommands.use(SeedCommand(), as: "seed")
        app.asyncCommands.use(PoolReturnCommand(), as: "pool-return")
    }
}

/// Opening the database already migrated it; this only says so.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Create or update the database schema" }

    func run(using context: CommandContext, signature: Signature) async throws {
        context.console.print("Database is up to date.")
    }
}

/// The administrator exists after start; this resets its password when one is given.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "password", help: "A new password for admin")
        var password: String?
    }
    var help: String { "Create the administrator 'admin' (or reset its password with --password)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let password = signature.password else { return context.console.print("Administrator 'admin' exists.") }
        if let problem = PasswordPolicy.problem(password) { throw Abort(.badRequest, reason: problem.code) }
        let app = context.application
        let hash = try Bcrypt.hash(password, cost: app.strand.config.bcryptCost)
        try await app.strand.database.write { db in
            try await db.raw("UPDATE users SET password_hash = \(bind: hash), failed_logins = 0, locked_until = NULL WHERE username = 'admin'").run()
        }
        context.console.print("Password of 'admin' changed.")
    }
}
