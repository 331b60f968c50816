import Foundation
import StrandCore
import StrandStore
import Vapor

/// One part of Strand's web layer (the records, the pool, quotation to cash...) and everything
/// it adds to the server, so that the shared code names no feature: its routes, its menu
/// entries, what it adds to a record's page, the jobs it runs and its words. `Features.all` is
/// the one list; its order is the order of the menu, of the record page's actions and of the
/// jobs. Every part has a default, so a feature states only what it adds.
protocol Feature: Sendable {
    /// Registers its pages and its `/api/v1` routes.
    func register(_ routes: FeatureRoutes)
    /// Its entries in the navigation.
    var menu: [MenuItem] { get }
    /// What it adds to a record's page (actions, and what its sections show), after the record,
    /// its related lists, notes and history are read.
    func detail(_ page: inout DetailPage.Model, _ context: DetailContext) async throws
    /// Its sections on a record's page at `place`, from what `detail` read.
    func sections(_ context: PageContext, _ page: DetailPage.Model, at place: DetailPage.Place) -> [Node]
    /// The jobs it runs while the server serves.
    var jobs: [ScheduledJob] { get }
    /// Its words, each part in Simplified Chinese and English; Traditional Chinese is derived.
    var strings: [FeatureStrings] { get }
}

extension Feature {
    func register(_ routes: FeatureRoutes) {}
    var menu: [MenuItem] { [] }
    func detail(_ page: inout DetailPage.Model, _ context: DetailContext) async throws {}
    func sections(_ context: PageContext, _ page: DetailPage.Model, at place: DetailPage.Place) -> [Node] { [] }
    var jobs: [ScheduledJob] { [] }
    var strings: [FeatureStrings] { [] }
}

/// Where a feature hangs its routes.
struct FeatureRoutes {
    /// Routes anyone may ask for, signed in or not (the sign-in page, a calendar feed).
    let open: any RoutesBuilder
    /// `/api/v1` routes anyone may ask for (a token for a name and password).
    let openAPI: any RoutesBuilder
    /// Pages for someone signed in.
    let pages: any RoutesBuilder
    /// `/api/v1` for someone signed in.
    let api: any RoutesBuilder
    /// `/admin`, for administrators only.
    var admin: any RoutesBuilder { self.pages.grouped("admin").grouped(RequireAdmin()) }
    let catalog: EntityCatalog
}

/// What a feature may consult while adding to a record's page.
struct DetailContext: Sendable {
    let request: Request
    let actor: Actor
    /// The approval that lets this reader see a record outside their scope: it waits on them.
    let waiting: Approval?

    /// Whether the reader may `action` this record by their scope.
    func allows(_ action: StrandCore.Action, _ page: DetailPage.Model) -> Bool {
        self.actor.filter(action, on: page.entity.key).allows(owner: page.record.ownerId, department: page.record.departmentId)
    }
}

struct FeatureStrings: Sendable {
    let simplified: [String: String]
    let english: [String: String]
}

/// A job the server runs while it serves: every `interval` it is offered its chance, and it
/// returns a line for the log when it did something.
struct ScheduledJob: Sendable {
    let name: String
    let interval: Duration
    let run: @Sendable (JobContext) async throws -> String?
}

struct JobContext: Sendable {
    let strand: Strand
    /// Epoch milliseconds.
    let now: Int64
    /// The company's hour for the nightly jobs; nil when they are off.
    let nightlyHour: Int?
    let timeZone: TimeZone
    /// Who runs it, so that of several servers on one database only one runs a nightly job.
    let runner: String
}
