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

    /// Written into one string sized up front: a page is thousands of elements, each of
    /// which would otherwise join and copy its parts several times.
    public static func element(_ tag: StaticString, _ attributes: [Attribute], _ children: [Node]) -> Node {
        let name = tag.description
        let isVoid = Self.isVoid(name)
        var size = 2 * name.utf8.count + 5
        for attribute in attributes { size += attribute.rendered?.utf8.count ?? 0 }
        if !isVoid { for child in children { size += child.html.utf8.count } }
        var html = ""
        html.reserveCapacity(size)
        html += "<"
        html += name
        for attribute in attributes { if let rendered = attribute.rendered { html += rendered } }
        html += ">"
        guard !isVoid else { return Node(html: html) }
        for child in children { html += child.html }
        html += "</"
        html += name
        html += ">"
        return Node(html: html)
    }

    /// Links written straight into one string, for a cell of a page that holds thousands (a
    /// team's week): escaped as `el("a", .href(...), .class(...)) { text }` would be, without a
    /// node, an attribute list and a child list for each. A link without an address is a span.
    public static func links(_ items: [(href: String?, classes: String, text: String)]) -> Node {
        var html = ""
        html.reserveCapacity(items.reduce(0) { $0 + $1.text.utf8.count + $1.classes.utf8.count + ($1.href?.utf8.count ?? 0) + 32 })
        for item in items {
            if let href = item.href {
                html += "<a href=\""
                html += Escape.attribute(SafeURL.check(href))
                html += "\" class=\""
            } else {
                html += "<span class=\""
            }
            html += Escape.attribute(item.classes)
            html += "\">"
            html += Escape.text(item.text)
            html += item.href == nil ? "</span>" : "</a>"
        }
        return Node(html: html)
    }

    static func isVoid(_ tag: String) -> Bool {
        switch tag {
        case "input", "br", "meta", "link", "img", "hr": true
        default: false
        }
    }

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
        // Strand's own paths, most links on a page, without trimming or lowering them.
        let bytes = address.utf8
        let unsafe = { (byte: UInt8) in byte <= 0x20 || byte == 0x5C }
        if bytes.first == 0x2F, bytes.dropFirst().first != 0x2F,
           !(bytes.withContiguousStorageIfAvailable { $0.contains(where: unsafe) } ?? bytes.contains(where: unsafe)) { return address }
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

    /// Works on UTF-8 bytes: the characters it replaces are ASCII, which never occur inside a
    /// multi-byte character; text with none of them (most of a page) is returned as it is.
    static func escape(_ text: String, quotes: Bool) -> String {
        func special(_ byte: UInt8) -> Bool {
            byte == 0x26 || byte == 0x3C || byte == 0x3E || (quotes && (byte == 0x22 || byte == 0x27 || byte == 0x60))
        }
        // Scanned as a buffer where the string has one (almost always): far faster than the view.
        let clean = text.utf8.withContiguousStorageIfAvailable { !$0.contains(where: special) } ?? !text.utf8.contains(where: special)
        guard !clean else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x22 where quotes: out += Array("&quot;".utf8)
            case 0x27 where quotes: out += Array("&#39;".utf8)
            case 0x60 where quotes: out += Array("&#96;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import Foundation
