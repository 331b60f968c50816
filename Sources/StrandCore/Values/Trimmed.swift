extension StringProtocol {
    /// The text without the spaces and line breaks around it, worked out in Swift rather than
    /// through Foundation's character sets: every cell of every line of a document goes through it.
    public var trimmed: String {
        // Most text has nothing to trim; its ends tell without walking its characters.
        if let first = self.unicodeScalars.first, let last = self.unicodeScalars.last,
           !first.properties.isWhitespace, !last.properties.isWhitespace { return String(self) }
        guard let first = self.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = self.lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
