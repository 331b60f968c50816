import StrandCore
import StrandStore
import Vapor

/// Daily and weekly work reports (B12) through the pages and the API: one's own (drafted from
/// the period's follow-ups and events), a manager's view of who has and has not handed one in,
/// and comments.
enum ReportsController {
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.get("reports", use: self.index)
        pages.get("reports", "team", use: self.team)
        pages.get("reports", "view", ":id", use: self.view)
        pages.post("reports", "view", ":id", "comment", use: self.comment)
        pages.get("reports", ":kind", ":period", use: self.form)
        pages.post("reports", ":kind", ":period", use: self.submit)
        api.get("work_reports", use: self.apiMine)
        api.get("work_reports", "team", use: self.apiTeam)
        api.put("work_reports", ":kind", ":period", use: self.apiSubmit)
        api.post("work_reports", ":id", "comment", use: self.apiComment)
    }

    /// Who reads others' reports: whoever's follow-ups they may see.
    static func readable(_ actor: Actor) -> ScopeFilter { actor.filter(.view, on: EntityKey.followUp) }

    /// The kind and period a path or query names, the period moved to its start (a week's Monday).
    static func period(_ request: Request) throws -> (WorkReport.Kind, CalendarDay) {
        let identity = try request.requireIdentity()
        let kind = (request.parameters.get("kind") ?? (try? request.query.get(String.self, at: "kind"))).flatMap(WorkReport.Kind.init) ?? .daily
        let day = (request.parameters.get("period") ?? (try? request.query.get(String.self, at: "day"))).flatMap(CalendarDay.init)
            ?? DateTimeText.day(Clock.millis(), timeZone: identity.timeZone)
        return (kind, WorkReport.period(of: day, kind: kind))
    }

    /// The people whose reports the reader follows: active colleagues within their scope.
    static func team(of identity: Identity, _ request: Request) async throws -> [User] {
        let scope = self.readable(identity.actor)
        return try await request.strand.database.read { try await Directory.users(db: $0) }
            .filter { $0.active && $0.id != identity.user.id && scope.allows(owner: $0.id, department: $0.departmentId) }
    }

    static func index(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let mine = try await request.strand.database.read { try await WorkReports.mine(userId: identity.user.id, db: $0) }
        let hasTeam = try await !self.team(of: identity, request).isEmpty
        return ReportsPage.index(PageContext(request), reports: mine, hasTeam: hasTeam)
    }

    static func form(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let (kind, period) = try self.period(request)
        let strand = request.strand
        let report = try await strand.database.read { try await WorkReports.find(userId: identity.user.id, kind: kind, period: period, db: $0) }
        if let report { return ReportsPage.form(PageContext(request), report: report, saved: true, errors: [:]) }
        let draft = try await WorkReports.draft(userId: identity.user.id, kind: kind, period: period, timeZone: identity.timeZone,
                                                database: strand.database)
        return ReportsPage.form(PageContext(request), report: draft, saved: false, errors: [:])
    }

    static func submit(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let (kind, period) = try self.period(request)
        let form = try FormInput.values(request)
        let report = WorkReport(userId: identity.user.id, kind: kind, period: period, done: form["done"] ?? "", plan: form["plan"] ?? "",
                                problems: form["problems"] ?? "")
        do {
            _ = try await WorkReports.submit(report, context: try request.writeContext(), database: request.strand.database)
            return request.redirect(to: "/reports/\(kind.rawValue)/\(period)")
        } catch RecordError.invalid(let failure) {
            return ReportsPage.form(PageContext(request), report: report, saved: false, errors: failure.fields, status: .unprocessableEntity)
        }
    }

    static func team(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let (kind, period) = try self.period(request)
        let members = try await self.team(of: identity, request)
        let reports = try await request.strand.database.read { try await WorkReports.of(members.map(\.id), kind: kind, period: period, db: $0) }
        return ReportsPage.team(PageContext(request), kind: kind, period: period, members: members, reports: reports)
    }

    /// A report its author or a reader over them may open; the reader may comment.
    static func readableReport(_ request: Request) async throws -> (WorkReport, User) {
        let identity = try request.requireIdentity()
        let id = try ApiRecordsController.id(request)
        guard let (report, author) = try await request.strand.database.read({ db -> (WorkReport, User)? in
            guard let report = try await WorkReports.find(id: id, db: db), let author = try await Directory.user(id: report.userId, db: db) else { return nil }
            return (report, author)
        }), author.id == identity.user.id || self.readable(identity.actor).allows(owner: author.id, department: author.departmentId) else {
            throw RecordError.notFound
        }
        return (report, author)
    }

    static func view(_ request: Request) async throws -> Response {
        let (report, author) = try await self.readableReport(request)
        let names = try await request.directoryNames().users
        return ReportsPage.view(PageContext(request), report: report, author: author, commenter: report.commentedBy.flatMap { names[$0] }, error: nil)
    }

    static func comment(_ request: Request) async throws -> Response {
        try await OnceToken.guarding(request) { try await self.commentOnce(request) }
    }

    static func commentOnce(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let (report, author) = try await self.readableReport(request)
        let text = try FormInput.values(request)["comment"] ?? ""
        do {
            try await WorkReports.comment(report.id, text: text, context: try request.writeContext(),
                                          readable: self.readable(identity.actor), database: request.strand.database)
            return Flash.redirect(request, to: "/reports/view/\(report.id)", saying: "report.comment_sent")
        } catch RecordError.invalid(let failure) {
            return ReportsPage.view(PageContext(request), report: report, author: author, commenter: nil, error: failure.fields["comment"],
                                    typed: text, status: .unprocessableEntity)
        }
    }

    static func json(_ report: WorkReport) -> JSON {
        .object(["id": .int(report.id), "user_id": .int(report.userId), "kind": .string(report.kind.rawValue), "period": .string(report.period.description),
                 "done": .string(report.done), "plan": .string(report.plan), "problems": .string(report.problems),
                 "submitted_at": .string(DateTimeText.iso(report.submittedAt)), "comment": .string(report.comment),
                 "commented_by": .int(report.commentedBy), "commented_at": report.commentedAt.map { .string(DateTimeText.iso($0)) } ?? .null])
    }

    static func apiMine(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let mine = try await request.strand.database.read { try await WorkReports.mine(userId: identity.user.id, db: $0) }
        return .json(.object(["data": .array(mine.map(self.json))]))
    }

    static func apiTeam(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let (kind, period) = try self.period(request)
        let members = try await self.team(of: identity, request)
        let reports = try await request.strand.database.read { try await WorkReports.of(members.map(\.id), kind: kind, period: period, db: $0) }
        return .json(.object(["data": .array(members.map { member in
            .object(["user_id": .int(member.id), "name": .string(member.name), "report": reports[member.id].map(self.json) ?? .null])
        })]))
    }

    struct Body: Content {
        var done: String
        var plan: String?
        var problems: String?
    }

    static func apiSubmit(_ request: Request) async throws -> Response {
        let identity = try request.requireIdentity()
        let (kind, period) = try self.period(request)
        let body = try request.content.decode(Body.self)
        let report = WorkReport(userId: identity.user.id, kind: kind, period: period, done: body.done, plan: body.plan ?? "", problems: body.problems ?? "")
        return .json(self.json(try await WorkReports.submit(report, context: try request.writeContext(), database: request.strand.database)))
    }

    static func apiComment(_ request: Request) async throws -> Response {
        struct Comment: Content { var comment: String }
        let identity = try request.requireIdentity()
        let (report, _) = try await self.readableReport(request)
        try await WorkReports.comment(report.id, text: try request.content.decode(Comment.self).comment, context: try request.writeContext(),
                                      readable: self.readable(identity.actor), database: request.strand.database)
        return Response(status: .noContent)
    }
}
