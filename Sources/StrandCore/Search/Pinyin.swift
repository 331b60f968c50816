import Foundation

/// Han characters to pinyin through Foundation's ICU, one character at a time and memoised, so
/// indexing a million names does not build a transliterator per name.
public enum Pinyin {
    private static let cache = LockedValue<[UInt32: String]>([:])

    /// The syllables of `text`; runs of other letters and digits stay whole as one syllable.
    public static func syllables(_ text: String) -> [String] {
        var result: [String] = []
        var latin = String.UnicodeScalarView()
        func flush() {
            if !latin.isEmpty { result.append(String(latin).lowercased()); latin = String.UnicodeScalarView() }
        }
        for scalar in text.unicodeScalars {
            if self.isHan(scalar) {
                guard let syllable = self.syllable(scalar) else { continue }
                flush()
                result.append(syllable)
            } else if SearchTerms.isWordScalar(scalar) {
                latin.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    /// The key a name sorts by: its syllables apart, so 西安 (xi an) comes before 先 (xian) as
    /// in a dictionary; Latin letters and digits as they are, lower case.
    public static func sortKey(_ text: String) -> String {
        self.syllables(text).joined(separator: " ")
    }

    public static func syllable(_ scalar: Unicode.Scalar) -> String? {
        guard self.isHan(scalar) else { return nil }
        if let known = self.cache.withLock({ $0[scalar.value] }) { return known.isEmpty ? nil : known }
        let latin = String(Character(scalar)).applyingTransform(StringTransform("Han-Latin; Latin-ASCII"), reverse: false)?
            .lowercased().filter { $0.isLetter } ?? ""
        self.cache.withLock { $0[scalar.value] = latin }
        return latin.isEmpty ? nil : latin
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
            || (0x20000...0x2A6DF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
    }
}

/// A lock around a value; Foundation's `NSLock` keeps Core free of other packages.
public final class LockedValue<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        self.lock.lock()
        defer { self.lock.unlock() }
        return try body(&self.value)
    }
}
