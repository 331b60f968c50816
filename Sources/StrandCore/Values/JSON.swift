import Foundation

/// A JSON value. Input decodes through `JSONDecoder`; output is written here, with sorted keys
/// and numbers exactly as given, so an amount is never reformatted through a float.
public indirect enum JSON: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let integer = try? container.decode(Int64.self) { self = .number(String(integer)) }
        else if let double = try? container.decode(Double.self) { self = .number(Self.plain(double)) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else if let items = try? container.decode([JSON].self) { self = .array(items) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    public static func plain(_ double: Double) -> String {
        let text = "\(double)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    public static func int(_ value: Int64?) -> JSON { value.map { .number(String($0)) } ?? .null }

    public var serialized: String {
        var out = ""
        self.write(into: &out)
        return out
    }

    public func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let digits): out += digits
        case .string(let text): Self.quote(text, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                members[key]!.write(into: &out)
            }
            out += "}"
        }
    }

    /// Escapes quotes, backslashes, control characters and `<`, `>`, `&` (and the two line
    /// separators JavaScript rejects), so JSON is safe even when embedded in a page. The text
    /// between escapes is copied as a whole: a document's lines are mostly plain.
    public static func quote(_ text: String, into out: inout String) {
        out += "\""
        let utf8 = text.utf8
        var (copied, index) = (utf8.startIndex, utf8.startIndex)
        while index != utf8.endIndex {
            let (escape, length) = Self.escape(utf8, at: index)
            guard let escape else {
                index = utf8.index(after: index)
                continue
            }
            out += text[copied..<index]
            out += escape
            index = utf8.index(index, offsetBy: length)
            copied = index
        }
        out += text[copied...]
        out += "\""
    }

    /// The escape of the character at `index` and how many bytes it spans, or nil to copy it.
    private static func escape(_ utf8: String.UTF8View, at index: String.Index) -> (String?, Int) {
        switch utf8[index] {
        case UInt8(ascii: "\""): return ("\\\"", 1)
        case UInt8(ascii: "\\"): return ("\\\\", 1)
        case UInt8(ascii: "\n"): return ("\\n", 1)
        case UInt8(ascii: "\r"): return ("\\r", 1)
        case UInt8(ascii: "\t"): return ("\\t", 1)
        case UInt8(ascii: "<"): return ("\\u003c", 1)
        case UInt8(ascii: ">"): return ("\\u003e", 1)
        case UInt8(ascii: "&"): return ("\\u0026", 1)
        case 0..<0x20: return ("\\u00" + (utf8[index] < 0x10 ? "0" : "") + String(utf8[index], radix: 16), 1)
        case 0xE2:
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
            let rest = utf8[utf8.index(after: index)...].prefix(2)
            guard rest.elementsEqual([0x80, 0xA8]) || rest.elementsEqual([0x80, 0xA9]) else { return (nil, 1) }
            return (rest.last == 0xA8 ? "\\u2028" : "\\u2029", 3)
        default: return (nil, 1)
        }
    }
}
