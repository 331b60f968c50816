/// Markup that is safe by construction: text and attribute values are always escaped, tag and
/// attribute names can only be string literals, and links only carry safe addresses. No value
/// from a user can become markup through this type.
public struct Node: Sendable {
    public let html: String

    private init(html: String) { self.html = html }

    public static func text(_ text: String) -> Node { Node(html: Escape.text(text)) }

    /// Fixed markup written in Strand's source, never data.
    public static func trusted(_ markup: StaticString) -> Node { Node(html: markup.description) }

    public static func group(_ nodes: [Node]) -> Node { Node(html: nodes.map(\.html).joined()) }

    public static let empty = Node(html: "")

    public static func element(_ tag: StaticString, _ attributes: [Attribute], _ children: [Node]) -> Node {
        let attrs = attributes.compactMap(\.rendered).joined()
        if Self.voidTags.contains(tag.description) { return Node(html: "<\(tag)\(attrs)>") }
        return Node(html: "<\(tag)\(attrs)>" + children.map(\.html).joined() + "</\(tag)>")
    }

    static let voidTags: Set<String> = ["input", "br", "meta", "link", "img", "hr"]

    /// A whole page, with its doctype.
    public static func document(_ root: Node) -> String { "<!DOCTYPE html>" + root.html }
}

public struct Attribute: Sendable {
    let rendered: String?

    public init(_ name: StaticString, _ value: String) {
        self.rendered = " \(name)=\"\(Escape.attribute(value))\""
    }

    /// An attribute written only when it has a value.
    public init(_ name: StaticString, ifPresent value: String?) {
        self.rendered = value.map { " \(name)=\"\(Escape.attribute($0))\"" }
    }

    /// A present-or-absent attribute such as `checked`.
    public init(flag name: StaticString, _ on: Bool) {
        self.rendered = on ? " \(name)" : nil
    }

    /// Links go only to Strand's own paths or to http(s) addresses; anything else (a
    /// `javascript:` address, say) becomes a dead link.
    public static func href(_ address: String) -> Attribute {
        Attribute("href", SafeURL.check(address))
    }
}

enum SafeURL {
    static func check(_ address: String) -> String {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("/") && !trimmed.hasPrefix("//") { return trimmed }
        if trimmed.hasPrefix("?") || trimmed.hasPrefix("#") { return trimmed }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return trimmed }
        if lower.hasPrefix("mailto:") || lower.hasPrefix("tel:") { return trimmed }
        return "#"
    }
}

public enum Escape {
    public static func text(_ text: String) -> String { self.escape(text, quotes: false) }

    /// Attribute values are always double-quoted; single quotes and backticks are escaped too so
    /// that no value can end its attribute however it is quoted.
    public static func attribute(_ text: String) -> String { self.escape(text, quotes: true) }

    static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for char in text {
            switch char {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            case "`" where quotes: out += "&#96;"
            default: out.append(char)
            }
        }
        return out
    }
}

import Foundation
