import StrandCore
import StrandStore
import Vapor

/// Saves what `AdminPipelines` shows. A name left as shown keeps its translation, so the
/// standard stages still read in each person's language until someone renames them.
enum AdminPipelinesController {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("pipelines", use: AdminPipelines.show)
        routes.post("pipelines", use: self.create)
        routes.post("pipelines", "lost-reasons", use: self.saveReasons)
        routes.post("pipelines", ":key", use: self.savePipeline)
    }

    static func create(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        var setup = try await request.salesSetup()
        let key = self.newKey("p", taken: setup.options(.pipelines).map(\.key))
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw RecordError.invalid(ValidationFailure(["name": FieldError("required")])) }
        let stages = [("\(key)_1", 50, SalesStage.Outcome.open), ("\(key)_won", 100, .won), ("\(key)_lost", 0, .lost)]
        setup.pipelines.append(Pipeline(key: key, name: name, stages: stages.map {
            SalesStage(key: $0.0, name: request.strings("opportunity.status.\($0.2.rawValue)"), probability: $0.1, outcome: $0.2)
        }))
        try await self.save(setup, request)
        return request.redirect(to: "/admin/pipelines#pipeline-\(key)")
    }

    static func savePipeline(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        var setup = try await request.salesSetup()
        let entity = try await ApiRecordsController.entity(request, "opportunities")
        guard let key = request.parameters.get("key"), let index = setup.pipelines.firstIndex(where: { $0.key == key }) else { throw Abort(.notFound) }
        let removed = Set(form.lists["remove"] ?? [])
        let column = { (name: String) in form.lists[name] ?? [] }
        let (keys, names, chances, outcomes) = (column("stage_key"), column("stage_name"), column("stage_probability"), column("stage_outcome"))
        var stages: [SalesStage] = []
        let taken = setup.options(.stages).map(\.key)
        for row in keys.indices where !removed.contains(keys[row]) {
            let name = row < names.count ? names[row].trimmingCharacters(in: .whitespaces) : ""
            if keys[row].isEmpty && name.isEmpty { continue }
            guard let probability = Int(row < chances.count ? chances[row] : ""),
                  let outcome = SalesStage.Outcome(rawValue: row < outcomes.count ? outcomes[row] : "") else {
                throw RecordError.invalid(ValidationFailure(["probability": FieldError("not_a_number")]))
            }
            let key = keys[row].isEmpty ? self.newKey("\(key)_", taken: taken + stages.map(\.key)) : keys[row]
            let shown = entity.label(of: key, in: "stage", strings: request.strings)
            stages.append(SalesStage(key: key, name: name == shown ? setup.stage(key)?.name ?? "" : name, probability: probability, outcome: outcome))
        }
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        setup.pipelines[index].name = name == entity.label(of: key, in: "pipeline", strings: request.strings) ? setup.pipelines[index].name : name
        // Open stages come first, in the order given, then the won and the lost ones.
        let rank: [SalesStage.Outcome: Int] = [.open: 0, .won: 1, .lost: 2]
        setup.pipelines[index].stages = stages.enumerated().sorted { (rank[$0.element.outcome]!, $0.offset) < (rank[$1.element.outcome]!, $1.offset) }.map(\.element)
        try await self.save(setup, request)
        return request.redirect(to: "/admin/pipelines#pipeline-\(key)")
    }

    static func saveReasons(_ request: Request) async throws -> Response {
        let form = try FormInput.values(request)
        var setup = try await request.salesSetup()
        let entity = try await ApiRecordsController.entity(request, "opportunities")
        let removed = Set(form.lists["remove"] ?? [])
        let (keys, labels) = (form.lists["reason_key"] ?? [], form.lists["reason_label"] ?? [])
        var reasons: [ConfiguredOption] = []
        for row in keys.indices where !removed.contains(keys[row]) {
            let label = row < labels.count ? labels[row].trimmingCharacters(in: .whitespaces) : ""
            if keys[row].isEmpty && label.isEmpty { continue }
            let key = keys[row].isEmpty ? self.newKey("r", taken: setup.lostReasons.map(\.key) + reasons.map(\.key)) : keys[row]
            let kept = setup.lostReasons.first { $0.key == key }?.label ?? ""
            reasons.append(ConfiguredOption(key: key, label: label == entity.label(of: key, in: "lost_reason", strings: request.strings) ? kept : label))
        }
        setup.lostReasons = reasons
        try await self.save(setup, request)
        return request.redirect(to: "/admin/pipelines#lost-reasons")
    }

    static func save(_ setup: SalesSetup, _ request: Request) async throws {
        try await SalesSetupStore.save(setup, context: try request.writeContext(), database: request.strand.database)
    }

    /// `prefix` and the first number not yet taken: p2, p3... or projects_1, projects_2...
    static func newKey(_ prefix: String, taken: [String]) -> String {
        let used = Set(taken)
        return (1...).lazy.map { prefix + String($0) }.first { !used.contains($0) }!
    }
}
