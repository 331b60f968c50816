extension StringProtocol {
    /// The text without the spaces and line breaks around it, worked out in Swift rather than
    /// through Foundation's character sets: every cell of every line of a document goes through it.
    public var trimmed: String {
        // Most text has nothing to trim; its ends tell without walking its characters.
        if let first = self.unicodeScalars.first, let last = self.unicodeScalars.last,
           !first.isSpace, !last.isSpace { return String(self) }
        guard let first = self.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = self.lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}

extension Unicode.Scalar {
    /// `properties.isWhitespace` without its table lookup for the scalars text is mostly made
    /// of: no whitespace lies above U+3000 (the ideographic space), and ASCII's is known.
    public var isSpace: Bool {
        if self.value < 0x80 { return self.value == 0x20 || (0x09...0x0D).contains(self.value) }
        return self.value <= 0x3000 && self.properties.isWhitespace
    }
}
