/// The words a record is found by. The index holds suffixes, and the query matches by prefix,
/// so a prefix search finds any part of a name ("华为" in "北京华为科技"), the tail of a phone
/// number, and pinyin in full ("zhangsanfeng") or by initials ("zsf"). Both databases index
/// these same words (SQLite FTS5, PostgreSQL tsvector with GIN), so search behaves the same.
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
        case .code: self.suffixes(normalize(text), minimum: 4)
        }
    }

    /// The words of what a person typed, each to be matched as a prefix; empty when nothing
    /// searchable remains.
    public static func queryWords(_ query: String) -> [String] {
        query.split(whereSeparator: { $0.isWhitespace }).map { normalize(String($0)) }.filter { !$0.isEmpty }
    }

    static func nameTerms(_ text: String) -> [String] {
        let plain = normalize(text)
        let syllables = Pinyin.syllables(text)
        var terms = self.suffixes(plain, minimum: 1)
        let hasHan = text.unicodeScalars.contains(where: Pinyin.isHan)
        if hasHan && !syllables.isEmpty {
            terms += self.syllableSuffixes(syllables)
            terms += self.suffixes(String(syllables.compactMap(\.first)), minimum: 1)
        }
        return terms
    }

    /// Lowercase letters, digits and Han characters only: punctuation and spaces never matter.
    public static func normalize(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    static func suffixes(_ text: String, minimum: Int) -> [String] {
        let chars = Array(text)
        guard chars.count >= minimum else { return [] }
        let lastStart = min(chars.count - minimum, self.maxSuffixStarts - 1)
        return (0...lastStart).map { String(chars[$0...]) }
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
