/// The words a record is found by. Han text is indexed as overlapping pairs of characters, and
/// a query's Han text must contain all its pairs, so "华为" is found in "北京华为科技" by one
/// exact word (few distinct words, each shared by many records, keeps the index lookups cheap).
/// Everything else (pinyin in full or by initials, Latin names, phone digits, email parts) is
/// indexed by suffix and matched by prefix, so "zsf" finds 张三丰 and "5678" a phone's tail.
/// Both databases index these same words (SQLite FTS5, PostgreSQL tsvector with GIN).
public enum SearchTerms {
    static let maxSuffixStarts = 24
    static let phoneTail = 4

    public static func terms(for entity: EntityDefinition, values: [String: FieldValue]) -> [String] {
        var terms: [String] = []
        for field in entity.searchedFields {
            guard let role = field.search, case .text(let text)? = values[field.key], !text.isEmpty else { continue }
            terms += self.terms(text, role: role)
        }
        var seen = Set<String>()
        return terms.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    public static func terms(_ text: String, role: SearchRole) -> [String] {
        switch role {
        case .name: self.nameTerms(text)
        case .phone: self.suffixes(text.filter(\.isNumber), minimum: self.phoneTail)
        case .email: self.runSuffixes(text)
        case .code: [normalize(text)]
        }
    }

    /// One word of a query: matched exactly, or as the start of an indexed word.
    public struct QueryWord: Sendable, Equatable {
        public let text: String
        public let prefix: Bool

        public init(_ text: String, prefix: Bool) {
            (self.text, self.prefix) = (text, prefix)
        }
    }

    /// The words of what a person typed, all of which a record must have; empty when nothing
    /// searchable remains.
    public static func queryWords(_ query: String) -> [QueryWord] {
        var words: [QueryWord] = []
        for piece in query.split(whereSeparator: { $0.isWhitespace }) {
            for run in self.runs(normalize(String(piece))) {
                if !run.han { words.append(QueryWord(run.text, prefix: true)) }
                else if run.text.count == 1 { words.append(QueryWord(run.text, prefix: true)) }
                else { words += self.pairs(run.text).map { QueryWord($0, prefix: false) } }
            }
        }
        var seen = Set<String>()
        return words.filter { seen.insert($0.text + ($0.prefix ? "*" : "")).inserted }
    }

    /// Each word of a name on its own (so "Beijing" is found in a long English name), and the
    /// name as one word (so "huaweikeji" or a name typed without its spaces is found too).
    static func nameTerms(_ text: String) -> [String] {
        let words = text.unicodeScalars.split(whereSeparator: { !Self.isWordScalar($0) }).map { String(Substring($0)) }
        var terms: [String] = []
        for word in words.count > 1 ? words + [words.joined()] : words {
            for run in self.runs(normalize(word)) {
                terms += run.han ? (run.text.unicodeScalars.count == 1 ? [run.text] : self.pairs(run.text)) : self.suffixes(run.text, minimum: 1)
            }
        }
        let syllables = Pinyin.syllables(text)
        if text.unicodeScalars.contains(where: Pinyin.isHan) && !syllables.isEmpty {
            terms += self.syllableSuffixes(syllables)
            terms += self.suffixes(String(syllables.compactMap(\.first)), minimum: 1)
        }
        return terms
    }

    /// Maximal runs of Han and of other characters.
    static func runs(_ text: String) -> [(text: String, han: Bool)] {
        let scalars = text.unicodeScalars
        var runs: [(text: String, han: Bool)] = []
        var start = scalars.startIndex
        var startHan = false
        for index in scalars.indices {
            let han = Pinyin.isHan(scalars[index])
            if index != start && han != startHan {
                runs.append((self.text(scalars[start..<index]), startHan))
                start = index
            }
            if index == start { startHan = han }
        }
        if start != scalars.endIndex { runs.append((self.text(scalars[start...]), startHan)) }
        return runs
    }

    /// "北京华为" as 北京, 京华, 华为.
    static func pairs(_ text: String) -> [String] {
        let scalars = text.unicodeScalars
        let starts = Array(scalars.indices) + [scalars.endIndex]
        return starts.count < 3 ? [text] : (0..<(starts.count - 2)).map { self.text(scalars[starts[$0]..<starts[$0 + 2]]) }
    }

    /// A part of a text as its own string, copied as bytes rather than scalar by scalar.
    static func text(_ part: Substring.UnicodeScalarView) -> String {
        String(Substring(part))
    }

    /// Letters and digits of any script; everything else separates words.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") }
        return Pinyin.isHan(scalar) || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Lowercase letters, digits and Han characters only: punctuation and spaces never matter.
    public static func normalize(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(self.isNormal) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where self.isWordScalar(scalar) {
            if scalar.isASCII {
                out.append(scalar >= "A" && scalar <= "Z" ? Unicode.Scalar(scalar.value + 32)! : scalar)
            } else if scalar.properties.changesWhenLowercased {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func suffixes(_ text: String, minimum: Int) -> [String] {
        let scalars = text.unicodeScalars
        let starts = Array(scalars.indices)
        guard starts.count >= minimum else { return [] }
        let lastStart = min(starts.count - minimum, self.maxSuffixStarts - 1)
        return starts[0...lastStart].map { self.text(scalars[$0...]) }
    }

    /// Already what `normalize` makes of it: lowercase ASCII letters, digits, Han.
    static func isNormal(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || Pinyin.isHan(scalar)
    }

    static func syllableSuffixes(_ syllables: [String]) -> [String] {
        syllables.indices.prefix(self.maxSuffixStarts).map { syllables[$0...].joined() }
    }

    /// For addresses like "zhang.san@example.com": each run of letters and digits onwards.
    static func runSuffixes(_ text: String) -> [String] {
        let runs = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        return runs.indices.map { runs[$0...].joined() }
    }
}
