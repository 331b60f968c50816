import Foundation
import StrandCore
import StrandStore
import NIOConcurrencyHelpers
import Vapor

/// Runs the features' jobs inside the server, each in a task of its own, so that one failing
/// or slow job holds up no other. A nightly job is offered its chance every minute and runs at
/// the company's hour (unless that is off); `JobRuns` makes sure that of several servers on one
/// database only one runs it each day. Only `serve` schedules; the other commands run and exit.
struct JobScheduler: LifecycleHandler {
    static let companyTimeZone = TimeZone(identifier: "Asia/Shanghai")!
    let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])

    func didBootAsync(_ application: Application) async throws {
        let command = CommandLine.arguments.dropFirst().first
        guard command == nil || command == "serve" || command?.hasPrefix("-") == true else { return }
        let strand = application.strand
        let logger = application.logger
        let runner = ProcessInfo.processInfo.hostName + ":" + String(ProcessInfo.processInfo.processIdentifier)
        let started = Features.all.flatMap(\.jobs).map { job in
            Task {
                while !Task.isCancelled {
                    do {
                        let context = JobContext(strand: strand, now: Clock.millis(), nightlyHour: strand.config.poolReturnHour,
                                                 timeZone: Self.companyTimeZone, runner: runner)
                        if let line = try await job.run(context) { logger.info("\(job.name): \(line)") }
                    } catch {
                        logger.report(error: error)
                    }
                    try? await Task.sleep(for: job.interval)
                }
            }
        }
        self.tasks.withLockedValue { $0 = started }
    }

    func shutdownAsync(_ application: Application) async {
        let tasks = self.tasks.withLockedValue { $0 }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}

/// `strand pool-return [--at ISO-time]`: runs the nightly return now, as of the given time.
struct PoolReturnCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "at", help: "Run as of this time (ISO 8601), for catching up or testing")
        var at: String?
    }
    var help: String { "Return neglected customers to their pools now" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let strand = context.application.strand
        var now = Clock.millis()
        if let at = signature.at {
            guard let date = DateTimeText.parse(at, timeZone: JobScheduler.companyTimeZone) else { throw Abort(.badRequest, reason: "--at") }
            now = Clock.millis(date)
        }
        let started = Date()
        let outcome = try await PoolReturnJob(database: strand.database, catalog: strand.catalog).run(now: now)
        context.console.print("returned \(outcome.returned), reminded \(outcome.reminded) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }
}
