import Foundation
import SQLKit
import StrandCore

/// The runs of scheduled jobs. A run is taken by inserting its (job, period) row, which the
/// database lets only one process do, so several servers on one database run each job once.
public enum JobRuns {
    /// True for the one caller that gets to run `job` for `period`. A run left unfinished for
    /// longer than `lease` (its process died) may be taken again; the jobs only do what is still due.
    public static func take(_ job: String, period: String, runner: String, now: Int64, lease: Int64,
                            database: StoreDatabase) async throws -> Bool {
        try await database.write { db in
            let inserted = try await db.raw("""
                INSERT INTO job_runs (job, period, runner, started_at) VALUES (\(bind: job), \(bind: period), \(bind: runner), \(bind: now))
                ON CONFLICT (job, period) DO NOTHING RETURNING job
                """).first()
            if inserted != nil { return true }
            let retaken = try await db.raw("""
                UPDATE job_runs SET runner = \(bind: runner), started_at = \(bind: now)
                WHERE job = \(bind: job) AND period = \(bind: period) AND finished_at IS NULL AND started_at < \(bind: now - lease) RETURNING job
                """).first()
            return retaken != nil
        }
    }

    /// Runs `body` for the day `now` falls on in `timeZone` once `hour` has come, unless another
    /// process has already taken that day's run; nil when it did not run. `body` returns its
    /// result and the outcome kept with the run.
    public static func daily<T: Sendable>(_ job: String, now: Int64, hour: Int, timeZone: TimeZone, runner: String, database: StoreDatabase,
                                          _ body: () async throws -> (T, String)) async throws -> T? {
        let civil = DateTimeText.local(now, timeZone: timeZone)
        guard let clock = Int(civil.dropFirst(11).prefix(2)), clock >= hour else { return nil }
        let period = String(civil.prefix(10))
        guard try await self.take(job, period: period, runner: runner, now: now, lease: 3_600_000, database: database) else { return nil }
        let (result, outcome) = try await body()
        try await self.finish(job, period: period, outcome: outcome, now: Clock.millis(), database: database)
        return result
    }

    public static func finish(_ job: String, period: String, outcome: String, now: Int64, database: StoreDatabase) async throws {
        try await database.write { db in
            try await db.raw("""
                UPDATE job_runs SET finished_at = \(bind: now), outcome = \(bind: outcome) WHERE job = \(bind: job) AND period = \(bind: period)
                """).run()
        }
    }

    public struct Run: Sendable, Equatable {
        public let job: String
        public let period: String
        public let runner: String
        public let startedAt: Int64
        public let finishedAt: Int64?
        public let outcome: String
    }

    public static func recent(limit: Int = 20, db: any SQLDatabase) async throws -> [Run] {
        try await db.raw("SELECT * FROM job_runs ORDER BY started_at DESC LIMIT \(bind: limit)").all().map { row in
            Run(job: try row.decode(column: "job", as: String.self), period: try row.decode(column: "period", as: String.self),
                runner: try row.decode(column: "runner", as: String.self), startedAt: try row.decode(column: "started_at", as: Int64.self),
                finishedAt: try row.integer("finished_at"), outcome: try row.decode(column: "outcome", as: String.self))
        }
    }
}
