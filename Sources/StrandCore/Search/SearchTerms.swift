/// The words a record is found by. Han text is indexed as overlapping pairs of characters, and
/// a query's Han text must contain all its pairs, so "华为" is found in "北京华为科技" by one
/// exact word (few distinct words, each shared by many records, keeps the index lookups cheap).
/// Everything else (pinyin in full or by initials, Latin names, phone digits, email parts) is
/// indexed by suffix and matched by prefix, so "zsf" finds 张三丰 and "5678" a phone's tail.
/// Both databases index these same words (SQLite FTS5, PostgreSQL tsvector with GIN).
public enum SearchTerms {
    static let maxSuffixStarts = 24
    static let phoneTail = 4

    /// A record's words, each once, separated by spaces: what its entry in the index holds.
    /// Written straight into one buffer, as an import indexes a hundred thousand records.
    public static func words(for entity: EntityDefinition, values: [String: FieldValue]) -> String {
        var sink = TermSink()
        for field in entity.searchedFields {
            guard let role = field.search, case .text(let text)? = values[field.key], !text.isEmpty else { continue }
            self.add(text, role: role, to: &sink)
        }
        return sink.text
    }

    public static func terms(_ text: String, role: SearchRole) -> [String] {
        var sink = TermSink()
        self.add(text, role: role, to: &sink)
        return self.split(sink.text)
    }

    private static func split(_ words: String) -> [String] {
        // By byte: a word may begin with a combining mark, which would join a space as one Character.
        words.utf8.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
    }

    static func add(_ text: String, role: SearchRole, to sink: inout TermSink) {
        switch role {
        case .name: self.addName(text, to: &sink)
        case .phone:
            let digits = text.utf8.allSatisfy { $0 < 0x80 } ? Array(text.unicodeScalars.filter { ("0"..."9").contains($0) })
                : Array(text.filter { $0.isNumber }.unicodeScalars)
            self.addSuffixes(digits[...], minimum: self.phoneTail, to: &sink)
        case .email: self.addRunSuffixes(text, to: &sink)
        case .code: sink.add(Array(self.normalize(text).unicodeScalars)[...])
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
            for run in self.runs(Array(self.normalize(String(piece)).unicodeScalars)[...]) {
                if !run.han || run.scalars.count == 1 { words.append(QueryWord(self.string(run.scalars), prefix: true)) }
                else { words += run.scalars.indices.dropLast().map { QueryWord(self.string(run.scalars[$0...($0 + 1)]), prefix: false) } }
            }
        }
        var seen = Set<String>()
        return words.filter { seen.insert($0.text + ($0.prefix ? "*" : "")).inserted }
    }

    /// Each word of a name on its own (so "Beijing" is found in a long English name), and the
    /// name as one word (so "huaweikeji" or a name typed without its spaces is found too).
    static func addName(_ text: String, to sink: inout TermSink) {
        let scalars = Array(text.unicodeScalars)
        let words = scalars.split(whereSeparator: { !Self.isWordScalar($0) }).map { self.lowercased($0) }
        for word in words.count > 1 ? words + [words.flatMap { $0 }] : words {
            for run in self.runs(word[...]) {
                if !run.han { self.addSuffixes(run.scalars, minimum: 1, to: &sink) }
                else if run.scalars.count == 1 { sink.add(run.scalars) }
                else { self.addPairs(run.scalars, to: &sink) }
            }
        }
        guard scalars.contains(where: Pinyin.isHan) else { return }
        let syllables = Pinyin.syllables(text)
        guard !syllables.isEmpty else { return }
        self.addJoinedSuffixes(syllables, starts: self.maxSuffixStarts, to: &sink)
        self.addSuffixes(Array(String(syllables.compactMap { $0.first }).unicodeScalars)[...], minimum: 1, to: &sink)
    }

    /// Maximal runs of Han and of other characters.
    static func runs(_ scalars: ArraySlice<Unicode.Scalar>) -> [(scalars: ArraySlice<Unicode.Scalar>, han: Bool)] {
        var runs: [(scalars: ArraySlice<Unicode.Scalar>, han: Bool)] = []
        var start = scalars.startIndex
        while start < scalars.endIndex {
            let han = Pinyin.isHan(scalars[start])
            let end = scalars[start...].firstIndex { Pinyin.isHan($0) != han } ?? scalars.endIndex
            runs.append((scalars[start..<end], han))
            start = end
        }
        return runs
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }

    /// "北京华为" as 北京, 京华, 华为.
    static func addPairs(_ scalars: ArraySlice<Unicode.Scalar>, to sink: inout TermSink) {
        for start in scalars.startIndex..<(scalars.endIndex - 1) { sink.add(scalars[start...(start + 1)]) }
    }

    static func addSuffixes(_ scalars: ArraySlice<Unicode.Scalar>, minimum: Int, to sink: inout TermSink) {
        guard scalars.count >= minimum else { return }
        let last = min(scalars.count - minimum, self.maxSuffixStarts - 1)
        for offset in 0...last { sink.add(scalars[(scalars.startIndex + offset)...]) }
    }

    /// Each of the first `starts` parts with all the parts after it, as one word: "zhang san
    /// feng" as zhangsanfeng, sanfeng and feng.
    static func addJoinedSuffixes(_ parts: [String], starts: Int = .max, to sink: inout TermSink) {
        var bytes: [UInt8] = [], offsets: [Int] = []
        for part in parts {
            offsets.append(bytes.count)
            bytes += part.utf8
        }
        for offset in offsets.prefix(starts) { sink.add(bytes: bytes[offset...]) }
    }

    /// For addresses like "zhang.san@example.com": each run of letters and digits onwards.
    static func addRunSuffixes(_ text: String, to sink: inout TermSink) {
        let runs = if text.utf8.allSatisfy({ $0 < 0x80 }) {
            text.lowercased().utf8.split(whereSeparator: { !Self.isWordScalar(Unicode.Scalar($0)) }).map { String(decoding: $0, as: UTF8.self) }
        } else {
            text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        }
        self.addJoinedSuffixes(runs, to: &sink)
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
        for scalar in text.unicodeScalars where self.isWordScalar(scalar) { self.appendLowercased(scalar, to: &out) }
        return String(out)
    }

    /// Already what `normalize` makes of it: lowercase ASCII letters, digits, Han.
    static func isNormal(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || Pinyin.isHan(scalar)
    }

    /// A word's letters in lower case, as `normalize` writes them.
    static func lowercased(_ word: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(word.count)
        for scalar in word { self.appendLowercased(scalar, to: &out) }
        return out
    }

    static func appendLowercased<Out: RangeReplaceableCollection<Unicode.Scalar>>(_ scalar: Unicode.Scalar, to out: inout Out) {
        if scalar.isASCII {
            out.append(scalar >= "A" && scalar <= "Z" ? Unicode.Scalar(scalar.value + 32)! : scalar)
        } else if !Pinyin.isHan(scalar), scalar.properties.changesWhenLowercased {
            out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        } else {
            out.append(scalar)
        }
    }
}

/// The words of an entry as they are found, each kept once, written as UTF-8 separated by spaces.
struct TermSink {
    private var bytes: [UInt8] = []
    /// Where each kept word starts and ends, with a hash of its bytes to compare by first.
    private var kept: [(hash: UInt64, start: Int, end: Int)] = []

    init() {
        self.bytes.reserveCapacity(1_024)
    }

    var text: String { String(decoding: self.bytes, as: UTF8.self) }

    mutating func add(_ scalars: ArraySlice<Unicode.Scalar>) {
        let start = self.open()
        for scalar in scalars { UTF8.encode(scalar) { self.bytes.append($0) } }
        self.close(from: start)
    }

    mutating func add(bytes: ArraySlice<UInt8>) {
        let start = self.open()
        self.bytes += bytes
        self.close(from: start)
    }

    private mutating func open() -> Int {
        if !self.bytes.isEmpty { self.bytes.append(0x20) }
        return self.bytes.count
    }

    /// Keeps the word just written unless it is empty or already there.
    private mutating func close(from start: Int) {
        let end = self.bytes.count
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in self.bytes[start..<end] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let word = self.bytes[start..<end]
        if start == end || self.kept.contains(where: { $0.hash == hash && self.bytes[$0.start..<$0.end].elementsEqual(word) }) {
            self.bytes.removeSubrange((start == 0 ? 0 : start - 1)..<end)
            return
        }
        self.kept.append((hash, start, end))
    }
}

extension SearchTerms {
    /// A `LIKE` pattern that every text holding this word's Han characters matches ("信息" as
    /// `%信%息%`: a pair is indexed from one word of a field, or across the joins of a name
    /// written in parts), so a row failing it for every searched field cannot match; nil for
    /// a word that is not Han, whose terms (pinyin, digits) the row's text does not show.
    public static func necessaryPattern(_ word: QueryWord) -> String? {
        let scalars = Array(word.text.unicodeScalars)
        guard !scalars.isEmpty, scalars.allSatisfy(Pinyin.isHan) else { return nil }
        return "%" + scalars.map { String($0) }.joined(separator: "%") + "%"
    }
}
