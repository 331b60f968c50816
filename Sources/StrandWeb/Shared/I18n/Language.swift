import Foundation
import NIOConcurrencyHelpers
import StrandCore

public enum Language: String, Sendable, CaseIterable {
    case zhHans = "zh-Hans", zhHant = "zh-Hant", en

    /// The language named by an `Accept-Language` header, if it is one Strand speaks.
    static func preferred(_ header: String?) -> Language? {
        guard let header else { return nil }
        for part in header.lowercased().split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if tag.hasPrefix("zh-hant") || tag == "zh-tw" || tag == "zh-hk" { return .zhHant }
            if tag.hasPrefix("zh") { return .zhHans }
            if tag.hasPrefix("en") { return .en }
        }
        return nil
    }

    var htmlTag: String { self.rawValue }
}

/// Every user-facing word, in the reader's language. Traditional Chinese is written from the
/// Simplified catalogue in Taiwan's words (`TaiwanUsage`), so it can never miss a key.
public struct Strings: Sendable {
    public let language: Language
    private let table: [String: String]

    /// The shared words, then each feature's.
    static let simplifiedParts = [Catalog.zhHans] + Features.all.flatMap(\.strings).map(\.simplified)
    static let englishParts = [Catalog.en] + Features.all.flatMap(\.strings).map(\.english)
    static let simplified = Self.merged(Self.simplifiedParts)
    static let english = Self.merged(Self.englishParts)

    /// Keys defined in two parts of one language's catalogue, where one would silently hide
    /// the other: Strand refuses to start with any (`configure`).
    static let duplicateKeys: [String] = [Self.simplifiedParts, Self.englishParts].flatMap { parts in
        var seen: Set<String> = []
        return parts.flatMap { $0.keys }.filter { !seen.insert($0).inserted }
    }.sorted()

    static func merged(_ parts: [[String: String]]) -> [String: String] {
        parts.reduce(into: [:]) { table, part in table.merge(part) { first, _ in first } }
    }

    static let catalogs: [Language: [String: String]] = [
        .zhHans: simplified,
        .zhHant: simplified.mapValues(TaiwanUsage.convert),
        .en: english,
    ]

    public init(_ language: Language) {
        self.language = language
        self.table = Self.catalogs[language] ?? Self.simplified
    }

    /// Every key asked for that this language's catalogue lacks, and every `{parameter}` left
    /// unfilled, as `language:key`; tests that walk the pages fail on any, so a raw key never
    /// reaches a screen. Bounded, as keys can be built from stored option codes.
    static let misses = NIOLockedValueBox(Set<String>())

    private func miss(_ what: String) {
        Self.misses.withLockedValue { if $0.count < 1000 { $0.insert("\(self.language.rawValue):\(what)") } }
    }

    /// The words of `key`, recorded as a miss when this language lacks them.
    private func words(_ key: String) -> String {
        guard let found = self.table[key] else {
            self.miss(key)
            return Self.english[key] ?? key
        }
        return found
    }

    public func callAsFunction(_ key: String, _ params: [String: String] = [:]) -> String {
        var text = self.words(key)
        for (name, value) in params { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        if text.contains("{"), text.replacingOccurrences(of: "{{", with: "").firstMatch(of: /\{[a-z_]+\}/) != nil { self.miss(key + " {unfilled}") }
        return text
    }

    /// Words with their `{parameters}` left for the page's script to fill (a selection count).
    public func template(_ key: String) -> String { self.words(key) }

    /// Whether the catalogue has `key` in this language or in English.
    public func has(_ key: String) -> Bool { self.table[key] != nil || Self.english[key] != nil }

    public func field(_ entity: String, _ field: String) -> String { self("\(entity).\(field)") }

    public func choice(_ entity: String, _ field: String, _ option: String) -> String {
        let key = "\(entity).\(field).\(option)"
        guard self.has(key) else {
            self.miss(key)
            return option
        }
        return self(key)
    }

    public func error(_ error: FieldError) -> String { self("error.\(error.code)", error.params) }
}
