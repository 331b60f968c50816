import Foundation

/// Han characters to pinyin through Foundation's ICU, one character at a time and memoised, so
/// indexing a million names does not build a transliterator per name.
public enum Pinyin {
    private static let cache = LockedValue<[Character: String]>([:])

    /// The syllables of `text`; runs of Latin letters and digits stay whole as one syllable.
    public static func syllables(_ text: String) -> [String] {
        var result: [String] = []
        var latin = ""
        for char in text {
            if char.isASCII {
                if char.isLetter || char.isNumber { latin.append(char) } else { flush(&latin, into: &result) }
            } else if let syllable = self.syllable(char) {
                flush(&latin, into: &result)
                result.append(syllable)
            }
        }
        flush(&latin, into: &result)
        return result
    }

    public static func syllable(_ char: Character) -> String? {
        guard char.unicodeScalars.first.map(isHan) == true else { return nil }
        if let known = self.cache.withLock({ $0[char] }) { return known }
        let latin = String(char).applyingTransform(StringTransform("Han-Latin; Latin-ASCII"), reverse: false)?
            .lowercased().filter { $0.isLetter } ?? ""
        let syllable = latin.isEmpty ? nil : latin
        self.cache.withLock { $0[char] = syllable ?? "" }
        return syllable
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
            || (0x20000...0x2A6DF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
    }

    private static func flush(_ latin: inout String, into result: inout [String]) {
        if !latin.isEmpty { result.append(latin.lowercased()); latin = "" }
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
