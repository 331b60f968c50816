import Foundation
import StrandCore
import StrandStore

/// The form control of each field type, filled with what the person typed (after an error) or
/// with the stored value.
extension FieldDefinition {
    struct Option: Sendable {
        let value: String
        let label: String
    }

    /// `group` names a form that holds fields of another record too, as `group-key`, also in the id.
    /// `picker` says how a link asks the server for its records: as one types, or, narrowed
    /// by another of the form's links, again when that one changes.
    func control(entity: String, text: String, strings: Strings, linkOptions: [Option], lookups: Lookups = Lookups(),
                 group: String? = nil, picker: LinkPicker? = nil) -> Node {
        let id = group.map { "f-\($0)-\(self.key)" } ?? "f-\(self.key)"
        let base: [Attribute] = [.id(id), .name(group.map { "\($0)-\(self.key)" } ?? self.key), Attribute(flag: "required", self.required)]
        switch self.type {
        case .text: return el("input", base + [.type("text"), .value(text), Attribute("maxlength", String(self.effectiveMaxLength))])
        case .longText: return el("textarea", base + [Attribute("rows", "4")]) { text }
        case .integer: return el("input", base + [.type("number"), .value(text), Attribute("step", "1")])
        case .decimal, .money: return el("input", base + [.type("text"), Attribute("inputmode", "decimal"), .value(text)])
        case .bool:
            return el("input", [base[0], base[1], .type("checkbox"), .value("true"),
                                Attribute(flag: "checked", text == "true")])
        case .date: return el("input", base + [.type("date"), .value(text)])
        case .dateTime: return el("input", base + [.type("datetime-local"), .value(text)])
        case .email: return el("input", base + [.type("email"), .value(text)])
        case .phone: return el("input", base + [.type("tel"), .value(text)])
        case .url: return el("input", base + [.type("url"), .value(text)])
        case .choice:
            let options = self.options.map { Option(value: $0, label: self.label(of: $0, entity: entity, strings: strings)) }
            return Self.select(base, options: options, selected: text, blank: !self.required)
        case .choices: return el("input", base + [.type("text"), .value(text)])
        case .files: return Self.filesControl(self.key, kept: text, lookups: lookups)
        case .people:
            let chosen = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            return el("select", base + [Attribute(flag: "multiple", true), Attribute("size", "6")]) {
                for option in linkOptions { el("option", .value(option.value), Attribute(flag: "selected", chosen.contains(option.value))) { option.label } }
            }
        case .link: return Self.select(base + (picker?.attributes(strings) ?? []), options: linkOptions, selected: text, blank: true)
        case .lines: return LineEditor.render(self, rows: LineRows.rows(text), products: linkOptions, strings: strings)
        }
    }

    /// The files already attached, each kept while ticked, and a picker for more.
    static func filesControl(_ key: String, kept: String, lookups: Lookups) -> Node {
        let ids = kept.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return el("div", .class("files")) {
            for id in ids {
                el("label", .class("checkbox")) {
                    el("input", .type("checkbox"), Attribute("name", "\(key)\(FormInput.keepMarker)\(id)"), .value("1"), Attribute(flag: "checked", true))
                    lookups.files[id]?.name ?? id
                }
            }
            el("input", .id("f-\(key)"), .type("file"), Attribute("name", key + FormInput.newSuffix), Attribute(flag: "multiple", true))
        }
    }

    static func select(_ attributes: [Attribute], options: [Option], selected: String, blank: Bool) -> Node {
        el("select", attributes) {
            if blank { el("option", .value("")) { "—" } }
            for option in options {
                el("option", .value(option.value), Attribute(flag: "selected", option.value == selected)) { option.label }
            }
        }
    }

    /// The stored value as the text its control shows.
    func formText(_ value: FieldValue, timeZone: TimeZone) -> String {
        switch self.type {
        case .text, .longText, .email, .phone, .url, .choice, .date: return value.textValue ?? ""
        case .choices, .files, .people: if case .list(let items) = value { return items.joined(separator: ", ") }; return ""
        case .bool: if case .bool(let flag) = value { return flag ? "true" : "" }; return ""
        case .integer, .link: return value.integerValue.map(String.init) ?? ""
        case .decimal, .money: return value.integerValue.map { ScaledDecimal.format($0, scale: self.effectiveScale) } ?? ""
        case .dateTime: return value.integerValue.map { DateTimeText.local($0, timeZone: timeZone, pattern: "yyyy-MM-dd'T'HH:mm") } ?? ""
        case .lines: return LineRows.text(LineItems.decode(value))
        }
    }
}
