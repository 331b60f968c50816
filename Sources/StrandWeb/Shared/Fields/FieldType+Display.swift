import Foundation
import StrandCore
import StrandStore

/// Names of the records and people a page refers to, loaded in one query per entity so that a
/// list of fifty rows never makes fifty lookups.
struct Lookups: Sendable {
    var titles: [String: [Int64: String]] = [:]
    var users: [Int64: String] = [:]
    var departments: [Int64: String] = [:]
    var files: [String: StoredFile] = [:]

    func title(_ entity: String, _ id: Int64) -> String? { self.titles[entity]?[id] }
}

/// How each field type reads on a page, in the reader's language and time zone.
extension FieldDefinition {
    func display(_ value: FieldValue, entity: String, strings: Strings, timeZone: TimeZone, lookups: Lookups) -> String {
        switch self.type {
        case .text, .longText, .email, .phone, .url, .date:
            return value.textValue ?? ""
        case .choice:
            guard let key = value.textValue, !key.isEmpty else { return "" }
            return self.label(of: key, entity: entity, strings: strings)
        case .files:
            guard case .list(let ids) = value else { return "" }
            return ids.map { lookups.files[$0]?.name ?? $0 }.joined(separator: "、")
        case .people:
            guard case .list(let ids) = value else { return "" }
            return ids.map { id in Int64(id).flatMap { lookups.users[$0] } ?? "#" + id }.joined(separator: "、")
        case .choices:
            guard case .list(let items) = value else { return "" }
            return items.map { self.options.isEmpty ? $0 : self.label(of: $0, entity: entity, strings: strings) }.joined(separator: "、")
        case .bool:
            guard case .bool(let flag) = value else { return "" }
            return strings(flag ? "bool.true" : "bool.false")
        case .integer:
            return value.integerValue.map { String($0) + (self.percent ? "%" : "") } ?? ""
        case .decimal:
            return value.integerValue.map { ScaledDecimal.format($0, scale: self.effectiveScale) } ?? ""
        case .money:
            return value.integerValue.map(Money.full) ?? ""
        case .dateTime:
            return value.integerValue.map { DateTimeText.local($0, timeZone: timeZone) } ?? ""
        case .lines:
            let count = LineItems.decode(value).count
            return count == 0 ? "" : strings("line.count", ["count": String(count)])
        case .link:
            guard let id = value.integerValue else { return "" }
            return self.linkTo.flatMap { lookups.title($0, id) } ?? "#\(id)"
        }
    }

    /// "1234567.50" as "1,234,567.50".
    static func grouped(_ amount: String) -> String {
        let negative = amount.hasPrefix("-")
        let body = negative ? String(amount.dropFirst()) : amount
        let parts = body.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var groups: [String] = []
        while whole.count > 3 { groups.insert(String(whole.suffix(3)), at: 0); whole = String(whole.dropLast(3)) }
        groups.insert(whole, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }
}

/// Values as the audit log and value periods keep them (`FieldValue.auditText`), shown as the
/// field shows them: a name for a link or a person, ¥ and separators for money, 是/否.
extension FieldDefinition {
    func storedValue(_ text: String) -> FieldValue {
        switch self.type {
        case .integer, .decimal, .money, .dateTime, .link: Int64(text).map(FieldValue.integer) ?? .text(text)
        case .bool: .bool(text == "true")
        case .choices, .files, .people: .list(text.split(separator: ",").map(String.init))
        case .text, .longText, .email, .phone, .url, .choice, .date, .lines: .text(text)
        }
    }

    func displayStored(_ text: String, entity: String, strings: Strings, timeZone: TimeZone, lookups: Lookups) -> String {
        // A line list is kept as its summary already.
        guard self.type != .lines else { return String(text.prefix(300)) }
        let shown = self.display(self.storedValue(text), entity: entity, strings: strings, timeZone: timeZone, lookups: lookups)
        return String((shown.isEmpty ? text : shown).prefix(300))
    }
}
