import Foundation
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

/// Every user-facing word, in the reader's language. Traditional Chinese is converted from the
/// Simplified catalogue by ICU, so it can never miss a key.
public struct Strings: Sendable {
    public let language: Language
    private let table: [String: String]

    static let simplified = Catalog.zhHans.merging(Catalog.zhHansPipeline) { first, _ in first }.merging(Catalog.zhHansPool) { first, _ in first }
        .merging(Catalog.zhHansSales) { first, _ in first }.merging(Catalog.zhHansCommerce) { first, _ in first }
        .merging(Catalog.zhHansCalendar) { first, _ in first }.merging(Catalog.zhHansTransfer) { first, _ in first }
    static let english = Catalog.en.merging(Catalog.enPipeline) { first, _ in first }.merging(Catalog.enPool) { first, _ in first }
        .merging(Catalog.enSales) { first, _ in first }.merging(Catalog.enCommerce) { first, _ in first }
        .merging(Catalog.enCalendar) { first, _ in first }.merging(Catalog.enTransfer) { first, _ in first }

    static let catalogs: [Language: [String: String]] = [
        .zhHans: simplified,
        .zhHant: simplified.mapValues { $0.applyingTransform(StringTransform("Hans-Hant"), reverse: false) ?? $0 },
        .en: english,
    ]

    public init(_ language: Language) {
        self.language = language
        self.table = Self.catalogs[language] ?? Self.simplified
    }

    public func callAsFunction(_ key: String, _ params: [String: String] = [:]) -> String {
        var text = self.table[key] ?? Self.english[key] ?? key
        for (name, value) in params { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Whether the catalogue has `key` in this language or in English.
    public func has(_ key: String) -> Bool { self.table[key] != nil || Self.english[key] != nil }

    public func field(_ entity: String, _ field: String) -> String { self("\(entity).\(field)") }

    public func choice(_ entity: String, _ field: String, _ option: String) -> String {
        let key = "\(entity).\(field).\(option)"
        let text = self(key)
        return text == key ? option : text
    }

    public func error(_ error: FieldError) -> String { self("error.\(error.code)", error.params) }
}
