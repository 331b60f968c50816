import Foundation

/// Business cards from .vcf files, versions 2.1, 3.0 and 4.0, several to a file: folded lines,
/// quoted-printable values in UTF-8 or GB18030 (phones exported 2.1 cards so), escaped commas and
/// semicolons, `tel:` addresses. Each card becomes a row under `VCardReader.header`, so cards
/// are imported like a sheet.
public enum VCardReader {
    public static let header = ["name", "company", "department", "title", "mobile", "phone", "email", "address", "website", "birthday", "note"]

    public static func rows(_ data: Data) throws -> [[SheetCell]] {
        let text = try CsvText.decode(data)
        var rows: [[SheetCell]] = [], card: [String: [String]]? = nil
        for line in self.unfolded(text) {
            let (name, parameters, rawValue) = self.property(line)
            switch name {
            case "BEGIN" where rawValue.uppercased() == "VCARD": card = [:]
            case "END" where rawValue.uppercased() == "VCARD":
                if let card { rows.append(self.row(card)) }
                card = nil
            default:
                guard card != nil, let key = self.key(name, parameters) else { continue }
                card?[key, default: []].append(self.value(rawValue, parameters))
            }
        }
        return rows
    }

    /// Lines with folding undone: a line break followed by a space or tab continues a line, and
    /// in quoted-printable a line ending in "=" continues on the next.
    static func unfolded(_ text: String) -> [String] {
        var lines: [String] = []
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = raw.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += raw.dropFirst()
            } else if let last = lines.last, last.uppercased().contains("QUOTED-PRINTABLE"), last.hasSuffix("=") {
                lines[lines.count - 1] = String(last.dropLast()) + raw
            } else {
                lines.append(String(raw))
            }
        }
        return lines.filter { !$0.isEmpty }
    }

    /// The name (without a group), the parameters (upper-cased; bare 2.1 types as TYPE) and the value.
    static func property(_ line: String) -> (String, [String: String], String) {
        guard let colon = line.firstIndex(of: ":") else { return ("", [:], "") }
        var parts = line[..<colon].split(separator: ";").map(String.init)
        let name = (parts.isEmpty ? "" : parts.removeFirst()).split(separator: ".").last.map { $0.uppercased() } ?? ""
        var parameters: [String: String] = [:]
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.uppercased() }
            guard let first = pair.first else { continue }
            let (key, value) = pair.count == 2 ? (first, pair[1]) : ("TYPE", first)
            parameters[key] = parameters[key].map { $0 + "," + value } ?? value
        }
        return (name, parameters, String(line[line.index(after: colon)...]))
    }

    static func key(_ name: String, _ parameters: [String: String]) -> String? {
        let types = parameters["TYPE", default: ""]
        switch name {
        case "FN": return "fn"
        case "N": return "n"
        case "ORG": return "org"
        case "TITLE": return "title"
        case "TEL": return types.contains("CELL") ? "mobile" : "phone"
        case "EMAIL": return "email"
        case "ADR": return "address"
        case "URL": return "website"
        case "BDAY": return "birthday"
        case "NOTE": return "note"
        default: return nil
        }
    }

    static func value(_ raw: String, _ parameters: [String: String]) -> String {
        var text = raw
        if parameters["ENCODING"] == "QUOTED-PRINTABLE" {
            let bytes = self.quotedPrintable(raw)
            let charset = parameters["CHARSET", default: "UTF-8"]
            text = charset == "UTF-8" ? String(decoding: bytes, as: UTF8.self) : (String(data: bytes, encoding: CsvText.gb18030) ?? "")
        }
        if text.lowercased().hasPrefix("tel:") { text = String(text.dropFirst(4)) }
        return text
    }

    static func quotedPrintable(_ text: String) -> Data {
        var bytes: [UInt8] = [], index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte == 0x3D, let end = utf8.index(next, offsetBy: 2, limitedBy: utf8.endIndex),
               let value = UInt8(String(decoding: utf8[next..<end], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = end
            } else {
                bytes.append(byte)
                index = next
            }
        }
        return Data(bytes)
    }

    /// Structured values split on unescaped semicolons, then unescaped.
    static func components(_ value: String) -> [String] {
        var parts: [String] = [], current = "", escaped = false
        for character in value {
            if escaped {
                current += character == "n" || character == "N" ? "\n" : String(character)
                escaped = false
            } else if character == "\\" { escaped = true } else if character == ";" { parts.append(current); current = "" } else { current.append(character) }
        }
        return parts + [current]
    }

    static func row(_ card: [String: [String]]) -> [SheetCell] {
        let first = { (key: String) in card[key]?.first.map { self.components($0) } ?? [] }
        let nameParts = first("n")
        let composed = nameParts.prefix(2).joined(separator: nameParts.prefix(2).contains { $0.unicodeScalars.contains { $0.value >= 0x2E80 } } ? "" : " ")
        let name = first("fn").joined(separator: ";").trimmingCharacters(in: .whitespaces)
        let org = first("org")
        let join = { (key: String) in (card[key] ?? []).map { self.components($0).joined(separator: " ").trimmingCharacters(in: .whitespaces) }.joined(separator: ", ") }
        let address = (card["address"] ?? []).first.map { self.components($0).filter { !$0.isEmpty }.joined(separator: " ") } ?? ""
        let values = [name.isEmpty ? composed.trimmingCharacters(in: .whitespaces) : name, org.first ?? "", org.dropFirst().joined(separator: " "),
                      join("title"), join("mobile"), join("phone"), join("email"), address, join("website"), join("birthday"), join("note")]
        return values.map { $0.isEmpty ? .empty : .text($0) }
    }
}
