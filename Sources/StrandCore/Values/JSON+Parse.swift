/// Reading JSON from UTF-8 bytes in one pass: numbers are kept as the digits sent (so an
/// amount never passes through a float), strings are unescaped (surrogate pairs joined).
/// `JSONDecoder` would try each kind of value in turn, throwing for each miss, which a body of
/// a thousand values feels.
extension JSON {
    public struct ParseError: Error, Equatable {
        public let offset: Int
    }

    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws -> JSON {
        var parser = Parser(bytes: Array(bytes))
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw ParseError(offset: parser.index) }
        return value
    }

    public static func parse(_ text: String) throws -> JSON {
        try self.parse(text.utf8)
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func skipSpace() {
            while self.index < self.bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(self.bytes[self.index]) { self.index += 1 }
        }

        func fail() -> ParseError { ParseError(offset: self.index) }

        mutating func value(depth: Int) throws -> JSON {
            guard depth < 64 else { throw self.fail() }
            self.skipSpace()
            guard self.index < self.bytes.count else { throw self.fail() }
            switch self.bytes[self.index] {
            case UInt8(ascii: "{"): return try self.object(depth: depth)
            case UInt8(ascii: "["): return try self.array(depth: depth)
            case UInt8(ascii: "\""): return .string(try self.string())
            case UInt8(ascii: "t"): try self.literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try self.literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try self.literal("null"); return .null
            default: return .number(try self.number())
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard self.index + expected.count <= self.bytes.count,
                  self.bytes[self.index..<self.index + expected.count].elementsEqual(expected) else { throw self.fail() }
            self.index += expected.count
        }

        mutating func object(depth: Int) throws -> JSON {
            self.index += 1
            var members: [String: JSON] = [:]
            self.skipSpace()
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "}") { self.index += 1; return .object(members) }
            while true {
                self.skipSpace()
                guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\"") else { throw self.fail() }
                let key = try self.string()
                self.skipSpace()
                guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ":") else { throw self.fail() }
                self.index += 1
                members[key] = try self.value(depth: depth + 1)
                self.skipSpace()
                guard self.index < self.bytes.count else { throw self.fail() }
                if self.bytes[self.index] == UInt8(ascii: ",") { self.index += 1; continue }
                guard self.bytes[self.index] == UInt8(ascii: "}") else { throw self.fail() }
                self.index += 1
                return .object(members)
            }
        }

        mutating func array(depth: Int) throws -> JSON {
            self.index += 1
            var items: [JSON] = []
            self.skipSpace()
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "]") { self.index += 1; return .array(items) }
            while true {
                items.append(try self.value(depth: depth + 1))
                self.skipSpace()
                guard self.index < self.bytes.count else { throw self.fail() }
                if self.bytes[self.index] == UInt8(ascii: ",") { self.index += 1; continue }
                guard self.bytes[self.index] == UInt8(ascii: "]") else { throw self.fail() }
                self.index += 1
                return .array(items)
            }
        }

        /// The digits of a number as sent, checked against JSON's grammar.
        mutating func number() throws -> String {
            let start = self.index
            func digits() -> Int {
                let from = self.index
                while self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) { self.index += 1 }
                return self.index - from
            }
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
            guard digits() > 0 else { throw self.fail() }
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ".") {
                self.index += 1
                guard digits() > 0 else { throw self.fail() }
            }
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "e") || self.bytes[self.index] == UInt8(ascii: "E") {
                self.index += 1
                if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "+") || self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
                guard digits() > 0 else { throw self.fail() }
            }
            return String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        }

        mutating func string() throws -> String {
            self.index += 1
            var out: [UInt8] = []
            var runStart = self.index
            while self.index < self.bytes.count {
                let byte = self.bytes[self.index]
                if byte == UInt8(ascii: "\"") {
                    out += self.bytes[runStart..<self.index]
                    self.index += 1
                    guard let text = String(validating: out, as: UTF8.self) else { throw self.fail() }
                    return text
                }
                if byte < 0x20 { throw self.fail() }
                if byte == UInt8(ascii: "\\") {
                    out += self.bytes[runStart..<self.index]
                    self.index += 1
                    guard self.index < self.bytes.count else { throw self.fail() }
                    let escaped = self.bytes[self.index]
                    self.index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"): out += Array(String(try self.unicodeScalar()).utf8)
                    default: throw self.fail()
                    }
                    runStart = self.index
                    continue
                }
                self.index += 1
            }
            throw self.fail()
        }

        /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, as one character.
        mutating func unicodeScalar() throws -> Character {
            let high = try self.hex4()
            if (0xD800...0xDBFF).contains(high) {
                guard self.index + 1 < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\\"), self.bytes[self.index + 1] == UInt8(ascii: "u") else {
                    throw self.fail()
                }
                self.index += 2
                let low = try self.hex4()
                guard (0xDC00...0xDFFF).contains(low), let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else { throw self.fail() }
                return Character(scalar)
            }
            guard let scalar = Unicode.Scalar(high) else { throw self.fail() }
            return Character(scalar)
        }

        mutating func hex4() throws -> UInt32 {
            guard self.index + 4 <= self.bytes.count,
                  let value = UInt32(String(decoding: self.bytes[self.index..<self.index + 4], as: UTF8.self), radix: 16) else { throw self.fail() }
            self.index += 4
            return value
        }
    }
}
