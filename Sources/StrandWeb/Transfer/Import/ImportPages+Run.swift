import Foundation
import StrandCore
import StrandOffice
import StrandStore
import Vapor

extension ImportPages {
    static let previewRows = 200

    /// Every row's verdict before anything is written: counts by verdict, then the rows (the
    /// first few hundred of the verdict chosen), each with its reasons.
    static func preview(_ context: PageContext, job: ImportJob, entity: EntityDefinition, table: ImportTable, verdicts: [RowVerdict],
                        shown: RowVerdict.Kind?) -> Response {
        let s = context.strings
        let counted = verdicts.filter { $0.kind != .empty }
        let listed = counted.filter { shown == nil || $0.kind == shown }
        let columns = job.settings.mapping.sorted { $0.key < $1.key }
        return Layout.render(context, title: s("import.title")) {
            el("h1") { s("import.preview_title", ["file": job.fileName]) }
            el("nav", .class("tabs"), .id("import-verdicts")) {
                el("a", .href("/imports/\(job.id)/preview"), .class(shown == nil ? "button primary" : "button")) { s("import.all", ["n": String(counted.count)]) }
                for kind in [RowVerdict.Kind.new, .update, .duplicate, .error] {
                    el("a", .href("/imports/\(job.id)/preview?verdict=\(kind.rawValue)"), .class(shown == kind ? "button primary" : "button"),
                       .data("data-verdict", kind.rawValue)) {
                        s("import.verdict.\(kind.rawValue)") + " " + String(counted.filter { $0.kind == kind }.count)
                    }
                }
            }
            el("div", .class("table-wrap")) {
                el("table", .class("records"), .id("import-preview")) {
                    el("thead") {
                        el("tr") {
                            el("th") { s("import.row") }
                            el("th") { s("import.verdict") }
                            for (index, _) in columns { el("th") { table.header.indices.contains(index) ? table.header[index] : "" } }
                        }
                    }
                    el("tbody") {
                        for verdict in listed.prefix(Self.previewRows) {
                            let cells = table.rows[verdict.row - table.firstRow]
                            el("tr", .class("verdict-\(verdict.kind.rawValue)")) {
                                el("td") { String(verdict.row) }
                                el("td") { self.verdictText(verdict, entity: entity, strings: s) }
                                for (index, _) in columns { el("td") { cells.indices.contains(index) ? String(cells[index].shown.prefix(60)) : "" } }
                            }
                        }
                    }
                }
            }
            if listed.count > Self.previewRows { el("p", .class("muted")) { s("calendar.more", ["n": String(listed.count - Self.previewRows)]) } }
            el("div", .class("toolbar")) {
                el("a", .href("/imports/\(job.id)"), .class("button")) { s("import.back_to_mapping") }
                el("form", Attribute("method", "post"), .action("/imports/\(job.id)/run"), .class("inline"), .id("import-run"),
                   .data("data-confirm", s("import.confirm", ["n": String(counted.filter { $0.kind == .new || $0.kind == .update }.count)]))) {
                    context.csrfField
                    el("button", .type("submit"), .class("primary")) { s("import.run") }
                }
            }
        }
    }

    static func verdictText(_ verdict: RowVerdict, entity: EntityDefinition, strings s: Strings) -> String {
        switch verdict.kind {
        case .error: return s("import.verdict.error") + "：" + ImportLabels.reason(verdict.errors, entity: entity, strings: s)
        case .duplicate:
            if let row = verdict.sameAsRow { return s("import.same_as_row", ["row": String(row)]) }
            return s("import.verdict.duplicate") + (verdict.recordId.map { " #\($0)" } ?? "")
        case .update: return s("import.verdict.update") + (verdict.recordId.map { " #\($0)" } ?? "")
        case .new, .empty: return s("import.verdict.\(verdict.kind.rawValue)")
        }
    }

    /// A running import's progress bar (the page asks for `/progress` each second, and reloads
    /// itself without script), or a finished one's outcome with its downloads and revert.
    static func status(_ context: PageContext, job: ImportJob, entity: EntityDefinition, progress: ImportProgress.State?,
                       problem: FieldError? = nil, status: HTTPResponseStatus = .ok) -> Response {
        let s = context.strings
        return Layout.render(context, title: s("import.title"), status: status) {
            el("h1") { job.fileName + " · " + s("nav.\(entity.resource)") }
            el("p", .id("import-status"), .data("data-status", job.status.rawValue)) { s("import.status.\(job.status.rawValue)") }
            if job.status == .running {
                let (done, total) = (progress?.done ?? 0, max(progress?.total ?? 1, 1))
                el("progress", .id("import-progress"), Attribute("max", String(total)), Attribute("value", String(done)),
                   .data("data-source", "/imports/\(job.id)/progress")) { "\(done)/\(total)" }
                el("p", .id("import-progress-text"), .class("muted"), .data("data-template", s.template("import.progress"))) {
                    s("import.progress", ["done": String(done), "total": String(total), "rate": "…", "left": "…"])
                }
                el("noscript") { el("a", .href("/imports/\(job.id)")) { s("import.reload") } }
            } else {
                el("ul", .id("import-counts")) {
                    for (key, count) in [("created", job.created), ("updated", job.updated), ("skipped", job.skipped), ("rejected", job.rejected.count)] {
                        el("li", .data("data-count", key)) { s("import.count.\(key)", ["n": String(count)]) }
                    }
                }
                if let problem { el("p", .class("error"), .id("import-problem")) { s.error(problem) } }
                if !job.rejected.isEmpty { el("a", .href("/imports/\(job.id)/rejects"), .class("button"), .id("import-rejects")) { s("import.download_rejects") } }
                if job.status == .done && job.created + job.updated > 0 {
                    el("form", Attribute("method", "post"), .action("/imports/\(job.id)/revert"), .class("inline"), .id("import-revert"),
                       .data("data-confirm", s("import.confirm_revert"))) {
                        context.csrfField
                        el("button", .type("submit"), .class("danger")) { s("import.revert") }
                    }
                }
                el("a", .href("/\(entity.resource)"), .class("button")) { s("nav.\(entity.resource)") }
            }
        }
    }
}
