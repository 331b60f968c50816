import Foundation
import ZIPFoundation

/// An Office Open XML package (.docx, .xlsx): named parts in a ZIP archive. Read whole into
/// memory (templates are small) and written with deflate, parts in the order given.
public struct OfficePackage: Sendable {
    public enum Failure: Error, Equatable {
        case notAPackage
        case missingPart(String)
    }

    public var parts: [(name: String, data: Data)]
    /// All parts together, inflated, at most this.
    static let largestInflated = 64 << 20

    public init(parts: [(name: String, data: Data)] = []) {
        self.parts = parts
    }

    public init(reading data: Data) throws {
        guard let archive = try? Archive(data: data, accessMode: .read) else { throw Failure.notAPackage }
        var parts: [(String, Data)] = [], inflated = 0
        for entry in archive where entry.type == .file {
            var content = Data()
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                // Counted as it really inflates: a template is small, a zip bomb is not.
                inflated += chunk.count
                guard inflated <= Self.largestInflated else { throw Failure.notAPackage }
                content.append(chunk)
            }
            parts.append((entry.path, content))
        }
        guard !parts.isEmpty else { throw Failure.notAPackage }
        self.parts = parts
    }

    public func part(_ name: String) -> Data? {
        self.parts.first { $0.name == name }?.data
    }

    public mutating func set(_ name: String, _ data: Data) {
        if let index = self.parts.firstIndex(where: { $0.name == name }) { self.parts[index].data = data } else { self.parts.append((name, data)) }
    }

    public func written() throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (name, data) in self.parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.fixedDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        return archive.data ?? Data()
    }

    /// Parts carry one date, so the same document makes the same file.
    static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800)
}

/// Text for XML: the five special characters escaped, and characters XML 1.0 forbids dropped.
public enum XMLText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let value = scalar.value
                if value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF) {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
