import StrandCore
import StrandStore
import Vapor

/// Pipelines and lost reasons for administrators: each pipeline's stages (name, probability,
/// outcome) in one form with an empty row for a new stage, a form for a new pipeline, and the
/// list of lost reasons. Every save replaces the whole setup through `SalesSetupStore`.
enum AdminPipelines {
    static func show(_ request: Request) async throws -> Response {
        let setup = try await request.salesSetup()
        let entity = try await ApiRecordsController.entity(request, "opportunities")
        let context = PageContext(request)
        let s = context.strings
        return Layout.render(context, title: s("admin.pipelines")) {
            el("h1") { s("admin.pipelines") }
            for pipeline in setup.pipelines {
                el("section", .class("card"), .id("pipeline-\(pipeline.key)")) {
                    el("h2") { entity.label(of: pipeline.key, in: "pipeline", strings: s) }
                    self.pipelineForm(context, entity, pipeline)
                }
            }
            el("section", .class("card"), .id("pipeline-new")) {
                el("h2") { s("admin.pipeline_new") }
                el("form", Attribute("method", "post"), .action("/admin/pipelines")) {
                    context.csrfField
                    el("div", .class("field")) {
                        el("label", Attribute("for", "new-pipeline-name")) { s("admin.pipeline_name") }
                        el("input", .type("text"), .id("new-pipeline-name"), .name("name"), Attribute(flag: "required", true), Attribute("maxlength", "50"))
                    }
                    el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.add") } }
                }
            }
            el("section", .class("card"), .id("lost-reasons")) {
                el("h2") { s("opportunity.lost_reason") }
                self.reasonsForm(context, entity, setup.lostReasons)
            }
        }
    }

    static func pipelineForm(_ context: PageContext, _ entity: EntityDefinition, _ pipeline: Pipeline) -> Node {
        let s = context.strings
        let outcomes = SalesStage.Outcome.allCases.map { FieldDefinition.Option(value: $0.rawValue, label: s("opportunity.status.\($0.rawValue)")) }
        let rows = pipeline.stages.map { ($0.key, entity.label(of: $0.key, in: "stage", strings: s), $0.probability, $0.outcome.rawValue) } + [("", "", 0, "open")]
        return el("form", Attribute("method", "post"), .action("/admin/pipelines/\(pipeline.key)")) {
            context.csrfField
            el("div", .class("field")) {
                el("label", Attribute("for", "\(pipeline.key)-name")) { s("admin.pipeline_name") }
                el("input", .type("text"), .id("\(pipeline.key)-name"), .name("name"), .value(entity.label(of: pipeline.key, in: "pipeline", strings: s)),
                   Attribute(flag: "required", true), Attribute("maxlength", "50"))
            }
            el("table", .class("data stages")) {
                el("thead") { el("tr") { for key in ["admin.stage_name", "opportunity.probability", "opportunity.status", "action.remove"] { el("th") { s(key) } } } }
                el("tbody") {
                    for (index, row) in rows.enumerated() {
                        el("tr") {
                            el("td") {
                                el("input", .type("hidden"), .name("stage_key"), .value(row.0))
                                el("input", .type("text"), .name("stage_name"), .value(row.1), Attribute("maxlength", "50"),
                                   .aria(label: s("admin.stage_name") + " \(index + 1)"), Attribute("placeholder", row.0.isEmpty ? s("admin.stage_new") : ""))
                            }
                            el("td") {
                                el("input", .type("number"), .name("stage_probability"), .value(String(row.2)), Attribute("min", "0"), Attribute("max", "100"),
                                   .aria(label: s("opportunity.probability") + " \(index + 1)"))
                            }
                            el("td") { FieldDefinition.select([.name("stage_outcome"), .aria(label: s("opportunity.status") + " \(index + 1)")], options: outcomes, selected: row.3, blank: false) }
                            el("td") {
                                if !row.0.isEmpty {
                                    el("input", .type("checkbox"), .name("remove"), .value(row.0), .aria(label: s("action.remove") + " \(index + 1)"))
                                }
                            }
                        }
                    }
                }
            }
            el("p", .class("muted")) { s("admin.stages_explained") }
            el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
        }
    }

    static func reasonsForm(_ context: PageContext, _ entity: EntityDefinition, _ reasons: [ConfiguredOption]) -> Node {
        let s = context.strings
        return el("form", Attribute("method", "post"), .action("/admin/pipelines/lost-reasons")) {
            context.csrfField
            el("ul", .class("plain-list")) {
                for (index, reason) in (reasons + [ConfiguredOption(key: "", label: "")]).enumerated() {
                    el("li") {
                        el("input", .type("hidden"), .name("reason_key"), .value(reason.key))
                        el("input", .type("text"), .name("reason_label"), Attribute("maxlength", "50"), .aria(label: s("opportunity.lost_reason") + " \(index + 1)"),
                           .value(reason.key.isEmpty ? "" : entity.label(of: reason.key, in: "lost_reason", strings: s)),
                           Attribute("placeholder", reason.key.isEmpty ? s("admin.reason_new") : ""))
                        if !reason.key.isEmpty {
                            el("label", .class("checkbox")) {
                                el("input", .type("checkbox"), .name("remove"), .value(reason.key)); s("action.remove")
                            }
                        }
                    }
                }
            }
            el("div", .class("form-actions")) { el("button", .type("submit"), .class("primary")) { s("action.save") } }
        }
    }
}
