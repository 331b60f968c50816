/// What administrators configure about selling: the pipelines with their stages, and the
/// reasons a deal may be lost. Opportunities' `pipeline`, `stage` and `lost_reason` take their
/// options from here, so a new stage needs no new Strand.
public struct SalesSetup: Sendable, Equatable, Codable {
    /// In the administrator's order; the first is where a deal goes when none is named.
    public var pipelines: [Pipeline]
    public var lostReasons: [ConfiguredOption]

    public init(pipelines: [Pipeline], lostReasons: [ConfiguredOption]) {
        self.pipelines = pipelines
        self.lostReasons = lostReasons
    }

    /// What a new database starts with: the seeds' pipeline and reasons, named in the reader's
    /// language until an administrator renames them.
    public static let standard = SalesSetup(
        pipelines: [Pipeline(key: Pipeline.defaultKey, name: "", stages: SalesStage.defaults)],
        lostReasons: OpportunityChoices.lostReasons.map { ConfiguredOption(key: $0, label: "") }
    )

    public var defaultPipeline: Pipeline { self.pipelines.first ?? Self.standard.pipelines[0] }

    public func pipeline(_ key: String) -> Pipeline? {
        self.pipelines.first { $0.key == key }
    }

    public func stage(_ key: String) -> SalesStage? {
        self.pipelines.lazy.compactMap { $0.stage(key) }.first
    }

    public func options(_ list: ConfiguredList) -> [ConfiguredOption] {
        switch list {
        case .pipelines: self.pipelines.map { ConfiguredOption(key: $0.key, label: $0.name) }
        case .stages: self.pipelines.flatMap { $0.stages.map { ConfiguredOption(key: $0.key, label: $0.name) } }
        case .lostReasons: self.lostReasons
        }
    }

    /// The entity with its configured fields' options filled in, so parsing, forms, filters
    /// and the API document treat them as any other choice.
    public func resolve(_ entity: EntityDefinition) -> EntityDefinition {
        var resolved = entity
        for index in resolved.fields.indices {
            guard let list = resolved.fields[index].configured else { continue }
            let options = self.options(list)
            resolved.fields[index].options = options.map(\.key)
            resolved.fields[index].optionLabels = Dictionary(options.filter { !$0.label.isEmpty }.map { ($0.key, $0.label) }) { first, _ in first }
        }
        return resolved
    }
}

/// A list of options kept in the database rather than in Strand's definitions.
public enum ConfiguredList: String, Sendable, CaseIterable {
    case pipelines, stages, lostReasons = "lost_reasons"
}

/// One configured option; an empty label reads as the option's translated name.
public struct ConfiguredOption: Sendable, Equatable, Codable {
    public let key: String
    public let label: String

    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

public struct Pipeline: Sendable, Equatable, Codable {
    public static let defaultKey = "default"

    public let key: String
    public var name: String
    public var stages: [SalesStage]

    public init(key: String, name: String, stages: [SalesStage]) {
        self.key = key
        self.name = name
        self.stages = stages
    }

    public func stage(_ key: String) -> SalesStage? {
        self.stages.first { $0.key == key }
    }

    /// The stages of deals still being worked, in order.
    public var openStages: [SalesStage] { self.stages.filter { $0.outcome == .open } }
}

/// A step of a sales pipeline and the chance of winning it stands for. The default stages
/// are the seeds' own: 初步接洽 10%, 需求确认 30%, 方案报价 50%, 谈判审核 70%, 赢单 100%, 输单 0%.
public struct SalesStage: Sendable, Equatable, Codable {
    /// Where a deal in this stage stands; kept on the deal as `status` so that "open deals" is
    /// one indexed value whatever the pipelines look like.
    public enum Outcome: String, Sendable, CaseIterable, Codable { case open, won, lost }

    public let key: String
    public var name: String
    public var probability: Int
    public var outcome: Outcome

    public init(key: String, name: String = "", probability: Int, outcome: Outcome) {
        self.key = key
        self.name = name
        self.probability = probability
        self.outcome = outcome
    }

    public static let defaults = [
        SalesStage(key: "initial", probability: 10, outcome: .open),
        SalesStage(key: "needs", probability: 30, outcome: .open),
        SalesStage(key: "proposal", probability: 50, outcome: .open),
        SalesStage(key: "negotiation", probability: 70, outcome: .open),
        SalesStage(key: "won", probability: 100, outcome: .won),
        SalesStage(key: "lost", probability: 0, outcome: .lost),
    ]
}
