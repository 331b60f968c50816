import Foundation
import StrandCore
import StrandStore
import StrandTesting
import Testing

/// Limits on guessing passwords, checked where they are kept: in one transaction with the count.
@Suite struct SignInGuardTests {
    static func claim(_ database: StoreDatabase, _ username: String, from ip: String) async throws -> SignInGuard.Verdict {
        try await database.write { try await SignInGuard.claim(username: username, ip: ip, db: $0) }
    }

    static func allowed(_ verdict: SignInGuard.Verdict) -> SignInGuard.Attempt? {
        if case .allowed(let attempt) = verdict { attempt } else { nil }
    }

    /// Forty guesses at once for one account: only as many as the lockout allows get their
    /// password checked, because each is counted before it is checked.
    @Test(arguments: TestBackend.available)
    func concurrentGuessesAreCountedBeforeTheyAreChecked(_ backend: TestBackend) async throws {
        let database = try await TestDatabase.fresh(backend)
        _ = try await Bootstrap.ensureAdmin(database, passwordHash: "test:x")
        let verdicts = try await withThrowingTaskGroup(of: SignInGuard.Verdict.self) { group in
            for index in 0..<40 { group.addTask { try await Self.claim(database, "admin", from: "198.51.100.\(index)") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(verdicts.compactMap(Self.allowed).count == Int(SignInGuard.maxFailures))
        #expect(verdicts.filter { if case .accountLocked = $0 { true } else { false } }.count == 40 - Int(SignInGuard.maxFailures))
    }

    /// Strangers guessing names from one address (a company's proxy) make that address wait,
    /// longer each time; the people who have signed in from it before are not held up.
    @Test(arguments: TestBackend.available)
    func guessesAtNamesHoldUpStrangersButNotThePeopleOfTheAddress(_ backend: TestBackend) async throws {
        let database = try await TestDatabase.fresh(backend)
        _ = try await Bootstrap.ensureAdmin(database, passwordHash: "test:x")
        let office = "203.0.113.9"
        let first = try #require(Self.allowed(try await Self.claim(database, "admin", from: office)))
        try await database.write { try await SignInGuard.recordSuccess(first, userId: 1, ip: office, db: $0) }
        for index in 0..<Int(SignInGuard.perAddressLimit) {
            #expect(Self.allowed(try await Self.claim(database, "guess\(index)", from: office)) != nil)
        }
        guard case .addressLimited(let until) = try await Self.claim(database, "guess-over", from: office) else {
            Issue.record("the address was not limited")
            return
        }
        #expect(until - Clock.millis() <= 60_000 && until - Clock.millis() > 50_000)
        guard case .addressLimited(let later) = try await Self.claim(database, "guess-again", from: office) else { return }
        #expect(later > until)
        #expect(Self.allowed(try await Self.claim(database, "admin", from: office)) != nil)
        #expect(Self.allowed(try await Self.claim(database, "guess-elsewhere", from: "192.0.2.1")) != nil)

        let admin = try await database.read { try await Directory.actor(userId: 1, db: $0)! }
        let context = WriteContext(actor: admin, ip: "127.0.0.1", timeZone: .shanghai)
        let directory = DirectoryService(database: database, hashPassword: { $0 })
        let locks = try await directory.signInLocks(context: context)
        #expect(locks.map(\.kind) == [.address] && locks.first?.key == office)
        try await directory.clearSignInLock(.address, key: office, context: context)
        #expect(try await directory.signInLocks(context: context).isEmpty)
        #expect(Self.allowed(try await Self.claim(database, "guess-after", from: office)) != nil)
        let audit = try await database.read { try await $0.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'sign_in_unlocked'").first()?.decode(column: "n", as: Int64.self) }
        #expect(audit == 1)
    }

    /// A locked account is listed and an administrator can let it in at once.
    @Test(arguments: TestBackend.available)
    func anAdministratorClearsALockedAccount(_ backend: TestBackend) async throws {
        let database = try await TestDatabase.fresh(backend)
        _ = try await Bootstrap.ensureAdmin(database, passwordHash: "test:x")
        let userId = try await database.write { db in
            try await db.raw("""
                INSERT INTO users (username, name, password_hash, created_at, updated_at) VALUES ('rep', '销售', 'test:x', 0, 0) RETURNING id
                """).first()!.decode(column: "id", as: Int64.self)
        }
        for _ in 0..<Int(SignInGuard.maxFailures) { _ = try await Self.claim(database, "rep", from: "192.0.2.7") }
        guard case .accountLocked = try await Self.claim(database, "rep", from: "192.0.2.7") else {
            Issue.record("the account was not locked")
            return
        }
        let admin = try await database.read { try await Directory.actor(userId: 1, db: $0)! }
        let context = WriteContext(actor: admin, ip: "127.0.0.1", timeZone: .shanghai)
        let directory = DirectoryService(database: database, hashPassword: { $0 })
        let locks = try await directory.signInLocks(context: context)
        #expect(locks.count == 1 && locks[0].kind == .account && locks[0].key == String(userId) && locks[0].failures == SignInGuard.maxFailures)
        try await directory.clearSignInLock(.account, key: String(userId), context: context)
        #expect(Self.allowed(try await Self.claim(database, "rep", from: "192.0.2.7")) != nil)
    }
}
