import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A SAX pass over a part: element starts (local name and attributes), text, and element ends.
final class XMLEvents: NSObject, XMLParserDelegate {
    var onStart: (String, [String: String]) -> Void = { _, _ in }
    var onText: (String) -> Void = { _ in }
    var onEnd: (String) -> Void = { _ in }

    func run(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.shouldProcessNamespaces = true
        _ = parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        self.onStart(name, attributes)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { self.onText(string) }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { self.onEnd(name) }
}

/// Attributes are looked up by local name whatever their prefix (`r:id`).
extension Dictionary where Key == String, Value == String {
    func local(_ name: String) -> String? {
        self[name] ?? self.first { $0.key.hasSuffix(":" + name) }?.value
    }
}

/// The sheets a workbook lists, in order, and its date system.
struct WorkbookList {
    let sheets: [(name: String, relationship: String)]
    let date1904: Bool

    init(_ data: Data) {
        var sheets: [(name: String, relationship: String)] = [], date1904 = false
        let events = XMLEvents()
        events.onStart = { name, attributes in
            if name == "sheet", let sheet = attributes["name"] { sheets.append((sheet, attributes.local("id") ?? "")) }
            if name == "workbookPr", let flag = attributes["date1904"] { date1904 = flag == "1" || flag == "true" }
        }
        events.run(data)
        (self.sheets, self.date1904) = (sheets, date1904)
    }
}

/// Relationship ids and their targets.
struct RelationshipList {
    let targets: [String: String]

    init(_ data: Data) {
        var targets: [String: String] = [:]
        let events = XMLEvents()
        events.onStart = { name, attributes in
            if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
        }
        events.run(data)
        self.targets = targets
    }
}

/// The shared strings, each the text of its runs; phonetic guides (`rPh`) are left out.
struct SharedStringList {
    let strings: [String]

    init(_ data: Data) {
        var strings: [String] = [], current = "", inText = false, phonetic = false
        let events = XMLEvents()
        events.onStart = { name, _ in
            switch name {
            case "si": current = ""
            case "t": inText = !phonetic
            case "rPh": phonetic = true
            default: break
            }
        }
        events.onText = { if inText { current += $0 } }
        events.onEnd = { name in
            switch name {
            case "t": inText = false
            case "rPh": phonetic = false
            case "si": strings.append(SheetCells.unescaped(current))
            default: break
            }
        }
        events.run(data)
        self.strings = strings
    }
}

/// Which cell formats show dates: Excel's built-in date formats (the Chinese ones among them)
/// and custom codes that print a day, month, year or time.
struct SheetFormats {
    enum Kind { case date, dateTime }
    let kinds: [Int: Kind]

    init(_ data: Data) {
        var kinds: [Int: Kind] = [:], custom: [Int: String] = [:], inCellFormats = false, index = 0
        let events = XMLEvents()
        events.onStart = { name, attributes in
            if name == "numFmt", let id = attributes["numFmtId"].flatMap(Int.init) { custom[id] = attributes["formatCode"] ?? "" }
            if name == "cellXfs" { inCellFormats = true }
            if name == "xf", inCellFormats {
                let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
                if let kind = Self.kind(id: id, code: custom[id]) { kinds[index] = kind }
                index += 1
            }
        }
        events.onEnd = { if $0 == "cellXfs" { inCellFormats = false } }
        events.run(data)
        self.kinds = kinds
    }

    static let builtInDates: Set<Int> = Set(14...17).union(27...31).union(34...36).union(50...58)
    static let builtInTimes: Set<Int> = Set(18...22).union(32...33).union(45...47)

    static func kind(id: Int, code: String?) -> Kind? {
        if Self.builtInDates.contains(id) { return .date }
        if Self.builtInTimes.contains(id) { return .dateTime }
        guard let code else { return nil }
        // What prints: outside quotes, escapes and [colour]/[condition] brackets.
        var printed = "", quoted = false, bracket = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[": bracket = true
            case "]": bracket = false
            default: if !quoted && !bracket { printed.append(character) }
            }
        }
        let lower = printed.lowercased()
        if lower.contains("h") || lower.contains("s") { return .dateTime }
        return lower.contains("y") || lower.contains("d") || lower.contains("m") ? .date : nil
    }
}
