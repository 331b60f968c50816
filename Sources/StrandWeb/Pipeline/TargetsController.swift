import StrandCore
import StrandStore
import Vapor

/// Sales targets on `/targets` and `/api/v1/targets`: `?period=2026-Q4` (a month, quarter or
/// year; the current month when absent) and `department=ID` for the ranking.
enum TargetsController {
    static func register(pages: any RoutesBuilder, api: any RoutesBuilder) {
        pages.get("targets", use: self.show)
        pages.post("targets", use: self.save)
        api.get("targets", use: self.read)
        api.put("targets", use: self.write)
    }

    static func show(_ request: Request) async throws -> Response {
        let board = try await self.board(request)
        return TargetsPage.render(PageContext(request), TargetsPage.Model(board: board))
    }

    static func save(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        let period = try self.period(request)
        var targets: [String: (base: String, stretch: String)] = [:]
        for (name, value) in form.fields {
            for key in ["base", "stretch"] where name.hasPrefix(key + "_") {
                let unit = String(name.dropFirst(key.count + 1))
                if key == "base" { targets[unit, default: ("", "")].base = value } else { targets[unit, default: ("", "")].stretch = value }
            }
        }
        let parsed = try targets.sorted { $0.key < $1.key }.map { token, figures in
            guard let unit = SalesUnit(token: token) else { throw Abort(.badRequest) }
            return SalesTarget(unit: unit, base: try self.money(figures.base, "base"), stretch: try self.money(figures.stretch, "stretch"))
        }
        try await Targets.save(period, parsed, context: try request.writeContext(), database: request.strand.database)
        return request.redirect(to: "/targets?period=\(period)")
    }

    static func read(_ request: Request) async throws -> Response {
        let board = try await self.board(request)
        let line = { (line: TargetLine) -> JSON in
            var object: [String: JSON] = ["name": .string(line.name), "won": .string(Money.decimal(line.won)), "won_count": .int(Int64(line.wonCount)),
                                          "base": line.target.map { .string(Money.decimal($0.base)) } ?? .null,
                                          "stretch": line.target.map { .string(Money.decimal($0.stretch)) } ?? .null,
                                          "percent_of_base": .int(line.percentOfBase.map(Int64.init)),
                                          "percent_of_stretch": .int(line.percentOfStretch.map(Int64.init))]
            switch line.unit {
            case .user(let id): object["user_id"] = .int(id)
            case .department(let id): object["department_id"] = .int(id)
            }
            if let rank = line.rank { object["rank"] = .int(Int64(rank)) }
            return .object(object)
        }
        return .json(.object(["period": .string(board.period.description), "departments": .array(board.departments.map(line)),
                              "people": .array(board.people.map(line))]))
    }

    static func write(_ request: Request) async throws -> Response {
        struct Body: Content {
            struct Figure: Content {
                let user_id: Int64?
                let department_id: Int64?
                let base: String
                let stretch: String?
            }
            let period: String
            let targets: [Figure]
        }
        guard let body = try? request.content.decode(Body.self), let period = TargetPeriod(body.period) else { throw Abort(.badRequest) }
        let targets = try body.targets.map { figure in
            guard let unit = figure.user_id.map(SalesUnit.user) ?? figure.department_id.map(SalesUnit.department) else { throw Abort(.badRequest) }
            return SalesTarget(unit: unit, base: try self.money(figure.base, "base"), stretch: try self.money(figure.stretch ?? "", "stretch"))
        }
        try await Targets.save(period, targets, context: try request.writeContext(), database: request.strand.database)
        return try await self.read(request)
    }

    static func board(_ request: Request) async throws -> TargetBoard {
        let identity = try request.requireIdentity()
        guard identity.actor.can(.view, on: EntityKey.opportunity) else { throw RecordError.forbidden }
        let department = (try? request.query.get(String.self, at: "department")).flatMap { Int64($0) }
            ?? (identity.actor.filter(.view, on: EntityKey.opportunity).reach == .everything ? nil : identity.actor.departmentId)
        let measure = TargetMeasure(rawValue: (try? request.query.get(String.self, at: "measure")) ?? "won") ?? .won
        return try await Targets.board(try self.period(request), measure: measure, department: department, actor: identity.actor,
                                       timeZone: identity.timeZone, database: request.strand.database)
    }

    static func period(_ request: Request) throws -> TargetPeriod {
        let identity = try request.requireIdentity()
        guard let text = try? request.query.get(String.self, at: "period"), !text.isEmpty else {
            return TargetPeriod.current(.month, at: Clock.millis(), in: identity.timeZone)
        }
        guard let period = TargetPeriod(text) else { throw RecordError.invalid(ValidationFailure(["period": .invalid])) }
        return period
    }

    /// An amount as typed (yuan, up to two decimals); empty is zero.
    static func money(_ text: String, _ field: String) throws -> Int64 {
        let text = text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return 0 }
        guard let fen = ScaledDecimal.parse(text, scale: 2) else { throw RecordError.invalid(ValidationFailure([field: FieldError("not_a_number")])) }
        guard fen >= 0 else { throw RecordError.invalid(ValidationFailure([field: .negative])) }
        return fen
    }
}
