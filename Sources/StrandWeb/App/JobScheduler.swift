import Foundation
import StrandCore
import StrandStore
import NIOConcurrencyHelpers
import Vapor

/// Runs the scheduled jobs inside the server: once a minute it offers the nightly pool return
/// and the receivable alerts their chance (unless their hour is off); `JobRuns` makes sure that
/// of several servers on one database only one runs it each day. It also moves what is kept for
/// the aging report by customer on to the company's day as soon as that begins, so that no
/// reader waits for it. Every few seconds it sends the reminders that have come due, and
/// the mail waiting in the outbox. Only `serve` schedules; the other commands run and exit.
struct JobScheduler: LifecycleHandler {
    static let companyTimeZone = TimeZone(identifier: "Asia/Shanghai")!
    static let reminderInterval: Duration = .seconds(5)
    let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])

    func didBootAsync(_ application: Application) async throws {
        let command = CommandLine.arguments.dropFirst().first
        guard command == nil || command == "serve" || command?.hasPrefix("-") == true else { return }
        let hour = application.strand.config.poolReturnHour
        let strand = application.strand
        let logger = application.logger
        let runner = (ProcessInfo.processInfo.hostName) + ":" + String(ProcessInfo.processInfo.processIdentifier)
        let reminders = Task {
            while !Task.isCancelled {
                do {
                    let sent = try await ReminderQueue.fire(now: Clock.millis(), database: strand.database, catalog: strand.catalog)
                    if sent > 0 { logger.info("reminders: \(sent) sent") }
                } catch {
                    logger.report(error: error)
                }
                try? await Task.sleep(for: Self.reminderInterval)
            }
        }
        let mail = Task {
            let sender = MailSender(strand: strand)
            while !Task.isCancelled {
                do {
                    let sent = try await sender.sendDue(now: Clock.millis())
                    if sent > 0 { logger.info("mail: \(sent) sent") }
                } catch {
                    logger.report(error: error)
                }
                try? await Task.sleep(for: Self.reminderInterval)
            }
        }
        self.tasks.withLockedValue {
            $0 = [reminders, mail, Task {
                let job = PoolReturnJob(database: strand.database, catalog: strand.catalog)
                let alerts = CommerceAlertsJob(database: strand.database, catalog: strand.catalog)
                let care = CareJob(database: strand.database)
                while !Task.isCancelled {
                    do {
                        try await strand.database.keepReceivables(asOf: DateTimeText.day(Clock.millis(), timeZone: Self.companyTimeZone))
                        if let hour, let outcome = try await job.runIfDue(now: Clock.millis(), hour: hour, timeZone: Self.companyTimeZone, runner: runner) {
                            logger.info("pool return: \(outcome.returned) returned, \(outcome.reminded) reminded")
                        }
                        if let hour, let outcome = try await alerts.runIfDue(now: Clock.millis(), hour: hour, timeZone: Self.companyTimeZone, runner: runner) {
                            logger.info("receivable alerts: \(outcome.overdue) overdue, \(outcome.renewals) renewals")
                        }
                        if let hour, let outcome = try await care.runIfDue(now: Clock.millis(), hour: hour, timeZone: Self.companyTimeZone, runner: runner) {
                            logger.info("care: \(outcome.reminded) reminded, \(outcome.moved) moved on")
                        }
                    } catch {
                        logger.report(error: error)
                    }
                    try? await Task.sleep(for: .seconds(60))
                }
            }]
        }
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
