import Foundation

/// A SAX pass over a part: element starts (local name and attributes), text, and element ends.
/// Our own scanner over the bytes: workbook parts are plain UTF-8 XML without a DTD, and
/// libxml2 through Foundation's delegate spent most of a 100,000-row import's time here.
/// Entities are the five XML predefines and character references; a DTD's own entities are not
/// expanded (no entity bombs); comments, processing instructions and the DOCTYPE are skipped.
final class XMLEvents {
    var onStart: (String, XMLAttributes) -> Void = { _, _ in }
    var onText: (String) -> Void = { _ in }
    var onEnd: (String) -> Void = { _ in }

    /// False when the data ends inside markup (a piece cut from a part at the wrong place).
    @discardableResult
    func run(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var scanner = XMLScanner(bytes: raw.bindMemory(to: UInt8.self), events: self)
            scanner.scan()
            return !scanner.truncated
        }
    }
}

private struct XMLScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let events: XMLEvents
    var index = 0
    var truncated = false

    init(bytes: UnsafeBufferPointer<UInt8>, events: XMLEvents) { (self.bytes, self.events) = (bytes, events) }

    mutating func scan() {
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count && bytes[index] != UInt8(ascii: "<") { index += 1 }
                events.onText(Self.decoded(bytes, start..<index, normalizingLines: true))
            } else if self.starts(with: "<!--") {
                self.skip(past: "-->")
            } else if self.starts(with: "<![CDATA[") {
                let start = index + 9
                self.skip(past: "]]>")
                events.onText(Self.text(bytes, start..<max(start, index - 3)))
            } else if self.starts(with: "<?") {
                self.skip(past: "?>")
            } else if self.starts(with: "<!") {
                self.skipDeclaration()
            } else if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") {
                index += 2
                let name = self.name()
                self.skip(past: ">")
                events.onEnd(name)
            } else {
                self.element()
            }
        }
    }

    /// `<name a="1" b='2'>` or `<name/>`: its start, and its end when it closes itself.
    mutating func element() {
        index += 1
        let name = self.name()
        var attributes = XMLAttributes()
        while index < bytes.count {
            self.skipSpace()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { index += 1; events.onStart(name, attributes); return }
            if byte == UInt8(ascii: "/") {
                self.skip(past: ">")
                events.onStart(name, attributes)
                events.onEnd(name)
                return
            }
            let start = index
            while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">"),
                  bytes[index] != UInt8(ascii: "/") { index += 1 }
            let key = Self.text(bytes, start..<index)
            self.skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            self.skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { continue }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < bytes.count && bytes[index] != quote { index += 1 }
            attributes.pairs.append((key, Self.decoded(bytes, valueStart..<index, normalizingLines: false)))
            index += 1
        }
        truncated = true
    }

    /// An element's name without its namespace prefix (`x:row` is `row`).
    mutating func name() -> String {
        let start = index
        var local = start
        while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") {
            if bytes[index] == UInt8(ascii: ":") { local = index + 1 }
            index += 1
        }
        return Self.text(bytes, local..<index)
    }

    func starts(with marker: StaticString) -> Bool {
        let count = marker.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pointer = marker.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    mutating func skip(past marker: StaticString) {
        while index < bytes.count && !self.starts(with: marker) { index += 1 }
        if index == bytes.count { truncated = true }
        index = min(bytes.count, index + marker.utf8CodeUnitCount)
    }

    /// `<!DOCTYPE ...>` with an internal subset in brackets.
    mutating func skipDeclaration() {
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ">") where depth <= 0: index += 1; return
            default: break
            }
            index += 1
        }
        truncated = true
    }

    mutating func skipSpace() { while index < bytes.count && Self.isSpace(bytes[index]) { index += 1 } }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Text with its entities and character references replaced; line ends in text read as XML
    /// reads them (CR LF and a lone CR are LF), while `&#13;` stays a carriage return.
    static func decoded(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, normalizingLines: Bool) -> String {
        guard bytes[range].contains(where: { $0 == UInt8(ascii: "&") || $0 == 0x0D }) else { return self.text(bytes, range) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == 0x0D && normalizingLines {
                out.append(0x0A)
                index += index + 1 < range.upperBound && bytes[index + 1] == 0x0A ? 2 : 1
                continue
            }
            guard byte == UInt8(ascii: "&"), let end = bytes[index..<min(range.upperBound, index + 11)].firstIndex(of: UInt8(ascii: ";")),
                  let scalar = self.reference(UnsafeBufferPointer(rebasing: bytes[index + 1..<end])) else {
                out.append(byte)
                index += 1
                continue
            }
            UTF8.encode(scalar) { out.append($0) }
            index = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What `&name;` stands for, read from its bytes: a workbook may spell every Chinese
    /// character of a hundred thousand rows as `&#23458;`.
    static func reference(_ name: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard name.first == UInt8(ascii: "#") else {
            let named: [(String, Unicode.Scalar)] = [("lt", "<"), ("gt", ">"), ("amp", "&"), ("quot", "\""), ("apos", "'")]
            return named.first { name.elementsEqual($0.0.utf8) }?.1
        }
        guard name.count > 1 else { return nil }
        let hex = name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X")
        let digits = name.dropFirst(hex ? 2 : 1)
        guard !digits.isEmpty else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            guard let digit = self.digit(byte, hex: hex), value <= 0x10FFFF else { return nil }
            value = value * (hex ? 16 : 10) + digit
        }
        return Unicode.Scalar(value)
    }

    static func digit(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

/// An element's attributes as written; an element has a few, so they are looked up in order.
struct XMLAttributes {
    fileprivate(set) var pairs: [(name: String, value: String)] = []

    subscript(name: String) -> String? {
        self.pairs.first { $0.name == name }?.value
    }

    /// By local name whatever the prefix (`r:id`).
    func local(_ name: String) -> String? {
        self[name] ?? self.pairs.first { $0.name.hasSuffix(":" + name) }?.value
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
