import Foundation
import StrandCore
import StrandStore

/// A notification in words, the one wording for the pages, the live stream and email.
enum NoticeText {
    static func text(_ notice: Notice, strings s: Strings, timeZone: TimeZone, catalog: EntityCatalog) -> String {
        var params = notice.params
        if let due = notice.params["due"].flatMap(Int64.init) { params["due"] = DateTimeText.local(due, timeZone: timeZone) }
        if let at = notice.params["at"].flatMap(Int64.init) {
            let entity = catalog.entity(notice.entity)
            let anchor = entity?.reminder.flatMap { entity?.field($0.field) }
            params["at"] = anchor?.type == .date ? DateTimeText.day(at, timeZone: timeZone).description : DateTimeText.local(at, timeZone: timeZone)
        }
        if let fields = notice.params["fields"] {
            params["fields"] = fields.split(separator: ",").map { s.field(notice.entity, String($0)) }.joined(separator: s("notice.separator"))
        }
        return s("notice.\(notice.kind)", params)
    }

    /// Pages of what is not an entity's record.
    static let otherPaths = ["work_report": "/reports/view/"]

    /// Where the notification leads: the record it is about.
    static func path(_ notice: Notice, catalog: EntityCatalog) -> String {
        if let base = self.otherPaths[notice.entity] { return base + String(notice.recordId) }
        return catalog.entity(notice.entity).map { "/\($0.resource)/\(notice.recordId)" } ?? "/"
    }
}
