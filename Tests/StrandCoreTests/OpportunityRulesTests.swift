import Foundation
@testable import StrandCore
import Testing

/// A deal's pipeline and stage: the configured stages and their chances, the probability and
/// status a stage sets, the closing time of won and lost deals, and the reason a lost deal needs.
@Suite struct OpportunityRulesTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    func at(_ text: String) -> Int64 {
        Int64(DateTimeText.parse(text, timeZone: self.shanghai)!.timeIntervalSince1970 * 1000)
    }

    /// The standard pipeline and a project pipeline (项目型) for tenders.
    static let twoPipelines = SalesSetup(
        pipelines: [
            SalesSetup.standard.pipelines[0],
            Pipeline(key: "project", name: "项目型", stages: [
                SalesStage(key: "bidding", name: "投标中", probability: 20, outcome: .open),
                SalesStage(key: "awarded", name: "中标", probability: 100, outcome: .won),
                SalesStage(key: "bid_lost", name: "未中标", probability: 0, outcome: .lost),
            ]),
        ],
        lostReasons: [ConfiguredOption(key: "price", label: "价格太高"), ConfiguredOption(key: "competitor", label: "")]
    )

    /// A 58万 order of servers from 杭州云栖科技.
    func deal(_ stage: String, _ extra: [String: FieldValue] = [:]) -> [String: FieldValue] {
        ["name": .text("杭州云栖科技 服务器采购"), "customer_id": .integer(12), "amount": .integer(58_000_000), "stage": .text(stage)]
            .merging(extra) { _, new in new }
    }

    func apply(_ values: [String: FieldValue], before: [String: FieldValue]? = nil, setup: SalesSetup = .standard,
               now: Int64? = nil) -> (values: [String: FieldValue], errors: [String: FieldError]) {
        var values = values
        let context = RuleContext(setup: setup, now: now ?? self.at("2026-06-18 15:30"), timeZone: self.shanghai)
        let errors = OpportunityRules().apply(to: &values, before: before, context: context)
        return (values, errors)
    }

    @Test func theStandardPipelineHasTheSeedsStagesAndChances() {
        let pipeline = SalesSetup.standard.defaultPipeline
        #expect(pipeline.key == Pipeline.defaultKey)
        #expect(pipeline.stages.map(\.key) == ["initial", "needs", "proposal", "negotiation", "won", "lost"])
        #expect(pipeline.stages.map(\.probability) == [10, 30, 50, 70, 100, 0])
        #expect(pipeline.openStages.map(\.key) == ["initial", "needs", "proposal", "negotiation"])
        #expect(pipeline.stage("won")?.outcome == .won && pipeline.stage("lost")?.outcome == .lost)
        #expect(SalesSetup.standard.lostReasons.map(\.key) == OpportunityChoices.lostReasons)
        // A setup left without pipelines still has somewhere to put a deal.
        #expect(SalesSetup(pipelines: [], lostReasons: []).defaultPipeline == pipeline)
    }

    @Test func aNewDealTakesItsStagesProbabilityInTheFirstPipeline() {
        let (values, errors) = self.apply(self.deal("proposal", ["probability": .integer(90), "lost_reason": .text("price")]))
        #expect(errors.isEmpty)
        #expect(values["pipeline"] == .text("default"))
        #expect(values["probability"] == .integer(50))
        #expect(values["status"] == .text("open"))
        #expect(values["closed_at"] == .null)
        #expect(values["lost_reason"] == .text(""))
    }

    @Test func aDealMustStayInAStageOfItsOwnPipeline() {
        let setup = Self.twoPipelines
        #expect(self.apply(self.deal("bidding", ["pipeline": .text("project")]), setup: setup).values["probability"] == .integer(20))
        #expect(self.apply(self.deal("proposal", ["pipeline": .text("project")]), setup: setup).errors == ["stage": FieldError("not_in_pipeline")])
        // With no pipeline named the deal is in the first one, where 投标中 is not a stage.
        #expect(self.apply(self.deal("bidding"), setup: setup).errors == ["stage": FieldError("not_in_pipeline")])
        #expect(self.apply(self.deal("proposal", ["pipeline": .text("channel")]), setup: setup).errors == ["pipeline": FieldError("not_an_option")])
        var noStage = self.deal("initial")
        noStage["stage"] = nil
        #expect(self.apply(noStage).errors == ["stage": FieldError("not_in_pipeline")])
    }

    @Test func keepingTheStageKeepsAProbabilityTypedByHandWithinZeroToAHundred() {
        let before = self.apply(self.deal("negotiation")).values
        #expect(before["probability"] == .integer(70))
        let raised = self.apply(self.deal("negotiation", ["pipeline": .text("default"), "probability": .integer(85)]), before: before)
        #expect(raised.errors.isEmpty && raised.values["probability"] == .integer(85))
        let over = self.apply(self.deal("negotiation", ["pipeline": .text("default"), "probability": .integer(120)]), before: before)
        #expect(over.errors == ["probability": FieldError("out_of_range", ["min": "0", "max": "100"])])
        let under = self.apply(self.deal("negotiation", ["pipeline": .text("default"), "probability": .integer(-1)]), before: before)
        #expect(under.errors["probability"]?.code == "out_of_range")
        // Moving to another stage sets the stage's chance again, whatever was typed.
        let moved = self.apply(self.deal("needs", ["pipeline": .text("default"), "probability": .integer(85)]), before: before)
        #expect(moved.values["probability"] == .integer(30))
    }

    @Test func winningADealClosesItAtTheTimeOfTheWriteOnce() {
        let before = self.apply(self.deal("negotiation"), now: self.at("2026-06-01 10:00")).values
        let signed = self.at("2026-06-18 15:30")
        let won = self.apply(self.deal("won", ["pipeline": .text("default"), "lost_reason": .text("price")]), before: before, now: signed)
        #expect(won.errors.isEmpty)
        #expect(won.values["status"] == .text("won") && won.values["probability"] == .integer(100))
        #expect(won.values["closed_at"] == .integer(signed))
        #expect(won.values["lost_reason"] == .text(""))
        // Editing the won deal a week later keeps the day it was won.
        let edited = self.apply(won.values.merging(["next_step": .text("安排交付")]) { _, new in new }, before: won.values,
                                now: self.at("2026-06-25 09:00"))
        #expect(edited.values["closed_at"] == .integer(signed))
    }

    @Test func aLostDealMustSayWhy() {
        let before = self.apply(self.deal("proposal")).values
        #expect(self.apply(self.deal("lost"), before: before).errors == ["lost_reason": .required])
        #expect(self.apply(self.deal("lost", ["lost_reason": .text("")]), before: before).errors == ["lost_reason": .required])
        #expect(self.apply(self.deal("lost", ["lost_reason": .null]), before: before).errors == ["lost_reason": .required])
        let lost = self.apply(self.deal("lost", ["lost_reason": .text("competitor")]), before: before, now: self.at("2026-07-02 17:00"))
        #expect(lost.errors.isEmpty)
        #expect(lost.values["status"] == .text("lost") && lost.values["probability"] == .integer(0))
        #expect(lost.values["closed_at"] == .integer(self.at("2026-07-02 17:00")))
        #expect(lost.values["lost_reason"] == .text("competitor"))
        // A configured lost stage of another pipeline asks the same.
        let tender = self.apply(self.deal("bid_lost", ["pipeline": .text("project")]), setup: Self.twoPipelines)
        #expect(tender.errors == ["lost_reason": .required])
    }

    @Test func reopeningALostDealClearsItsClosingTimeAndReason() {
        let lost = self.apply(self.deal("lost", ["lost_reason": .text("no_budget")]), now: self.at("2026-07-02 17:00")).values
        let reopened = self.apply(lost.merging(["stage": .text("needs")]) { _, new in new }, before: lost, now: self.at("2026-09-01 09:00"))
        #expect(reopened.errors.isEmpty)
        #expect(reopened.values["status"] == .text("open") && reopened.values["probability"] == .integer(30))
        #expect(reopened.values["closed_at"] == .null)
        #expect(reopened.values["lost_reason"] == .text(""))
    }

    @Test func theSetupGivesTheOpportunityItsPipelineStageAndReasonOptions() {
        let setup = Self.twoPipelines
        #expect(setup.stage("awarded")?.probability == 100)
        #expect(setup.stage("proposal")?.probability == 50)
        #expect(setup.stage("signed") == nil && setup.pipeline("channel") == nil)
        let resolved = setup.resolve(EntityDefinition.opportunity)
        #expect(resolved.field("pipeline")?.options == ["default", "project"])
        #expect(resolved.field("pipeline")?.optionLabels == ["project": "项目型"])
        #expect(resolved.field("stage")?.options == ["initial", "needs", "proposal", "negotiation", "won", "lost", "bidding", "awarded", "bid_lost"])
        #expect(resolved.field("stage")?.optionLabels["awarded"] == "中标")
        // Empty labels are left to the translations.
        #expect(resolved.field("lost_reason")?.options == ["price", "competitor"])
        #expect(resolved.field("lost_reason")?.optionLabels == ["price": "价格太高"])
    }
}
