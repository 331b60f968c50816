import Foundation
import StrandCore
import StrandOffice
import StrandStore
import Vapor

/// The pages of an import: the upload and the person's imports, the column mapping, the
/// preview of every row, and the progress and outcome.
enum ImportPages {
    static func index(_ context: PageContext, jobs: [ImportJob], entities: [EntityDefinition], problem: FieldError? = nil,
                      status: HTTPResponseStatus = .ok) -> Response {
        let s = context.strings
        return Layout.render(context, title: s("import.title"), status: status) {
            el("h1") { s("import.title") }
            el("section", .class("card")) {
                el("form", Attribute("method", "post"), .action("/imports"), Attribute("enctype", "multipart/form-data"), .id("import-upload")) {
                    context.csrfField
                    el("label", Attribute("for", "import-entity")) { s("import.into") }
                    FieldDefinition.select([.name("entity"), .id("import-entity")],
                                           options: entities.map { .init(value: $0.key, label: s("nav.\($0.resource)")) }, selected: "", blank: false)
                    el("label", Attribute("for", "import-file")) { s("import.file") }
                    el("input", .type("file"), .name("file"), .id("import-file"), Attribute("accept", ".xlsx,.csv,.vcf"), Attribute(flag: "required", true),
                       Attribute("aria-invalid", ifPresent: problem == nil ? nil : "true"), Attribute("aria-describedby", ifPresent: problem == nil ? nil : "import-file-error"))
                    if let problem { el("p", .class("field-error"), .id("import-file-error"), Attribute("role", "alert")) { s.error(problem) } }
                    el("p", .class("muted")) { s("import.file_hint") }
                    el("button", .type("submit"), .class("primary")) { s("import.upload") }
                }
            }
            el("section", .class("card")) {
                el("h2") { s("import.history") }
                if jobs.isEmpty { el("p", .class("muted")) { s("list.empty") } }
                el("ul", .class("results")) {
                    for job in jobs {
                        el("li") {
                            el("a", .href("/imports/\(job.id)")) { job.fileName }
                            el("span", .class("muted")) { " " + s("import.status.\(job.status.rawValue)") + " · " + context.time(job.createdAt) }
                        }
                    }
                }
            }
        }
    }

    static func mapping(_ context: PageContext, job: ImportJob, entity: EntityDefinition, table: ImportTable, targets: [String]) -> Response {
        let s = context.strings
        let label = { (key: String) in key == RecordInputKeys.owner ? s("system.owner_id") : s.field(entity.key, key) }
        return Layout.render(context, title: s("import.title")) {
            el("h1") { s("import.mapping_title", ["file": job.fileName, "entity": s("nav.\(entity.resource)")]) }
            if !job.error.isEmpty || job.status == .interrupted { el("p", .class("error")) { s("import.status.\(job.status.rawValue)") } }
            el("form", Attribute("method", "post"), .action("/imports/\(job.id)/settings"), .id("import-settings")) {
                context.csrfField
                if table.sheets.count > 1 {
                    el("label", Attribute("for", "import-sheet")) { s("import.sheet") }
                    FieldDefinition.select([.name("sheet"), .id("import-sheet")], options: table.sheets.enumerated().map { .init(value: String($0.offset), label: $0.element) },
                                           selected: String(job.sheet), blank: false)
                }
                if job.kind == .csv {
                    el("label", Attribute("for", "import-encoding")) { s("import.encoding") }
                    FieldDefinition.select([.name("encoding"), .id("import-encoding")],
                                           options: CsvText.Encoding.allCases.map { .init(value: $0.rawValue, label: s("import.encoding.\($0.rawValue)")) },
                                           selected: job.encoding?.rawValue ?? "", blank: false)
                }
                el("div", .class("table-wrap")) {
                    el("table", .class("records"), .id("import-columns")) {
                        el("thead") { el("tr") { el("th") { s("import.column") }; el("th") { s("import.sample") }; el("th") { s("import.field") } } }
                        el("tbody") {
                            for (index, header) in table.header.enumerated() {
                                el("tr") {
                                    el("th") { header.isEmpty ? "#\(index + 1)" : header }
                                    el("td", .class("muted")) { table.rows.prefix(3).map { $0.indices.contains(index) ? $0[index].shown : "" }.joined(separator: " | ") }
                                    el("td") {
                                        FieldDefinition.select([.name("column_\(index)"), .aria(label: header)], options: targets.map { .init(value: $0, label: label($0)) },
                                                               selected: job.settings.mapping[index] ?? "", blank: true)
                                    }
                                }
                            }
                        }
                    }
                }
                self.options(context, job: job, entity: entity)
                el("button", .type("submit"), .class("primary")) { s("import.to_preview") }
            }
        }
    }

    static func options(_ context: PageContext, job: ImportJob, entity: EntityDefinition) -> Node {
        let s = context.strings
        return el("fieldset") {
            el("legend") { s("import.duplicates") }
            for mode in ImportSettings.Duplicates.allCases {
                el("label", .class("check")) {
                    el("input", .type("radio"), .name("duplicates"), .value(mode.rawValue), Attribute(flag: "checked", job.settings.duplicates == mode))
                    s("import.duplicates.\(mode.rawValue)")
                }
            }
            el("label", Attribute("for", "import-match")) { s("import.match_field") }
            FieldDefinition.select([.name("match_field"), .id("import-match")],
                                   options: entity.fields.filter { $0.duplicateCheck || $0.search != nil && $0.type != .longText }.map { .init(value: $0.key, label: s.field(entity.key, $0.key)) },
                                   selected: job.settings.matchField ?? "", blank: true)
            if entity.pooled {
                el("label", .class("check")) {
                    el("input", .type("checkbox"), .name("into_pool"), .value("1"), .id("import-into-pool"), Attribute(flag: "checked", job.settings.intoPool))
                    s("import.into_pool")
                }
            }
            if entity.field("tags")?.type == .choices {
                el("label", Attribute("for", "import-tag")) { s("import.tag") }
                el("input", .type("text"), .name("tag"), .id("import-tag"), .value(job.settings.tag ?? ""), Attribute("maxlength", "50"))
            }
        }
    }
}
