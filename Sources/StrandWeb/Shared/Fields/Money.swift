import StrandCore

/// Money as the pages show it, one way everywhere: `¥350,000.00` in full, and on a page that
/// sums up (the board's columns, the funnel) `¥35.0万` in Chinese or `¥350.0K` in English.
enum Money {
    /// `¥350,000.00`.
    static func full(_ fen: Int64) -> String { "¥" + self.grouped(fen) }

    /// `350000.00`, as the API and form controls take it.
    static func decimal(_ fen: Int64) -> String { ScaledDecimal.format(fen, scale: 2) }

    /// `350,000.00`, for a column whose heading already says ¥.
    static func grouped(_ fen: Int64) -> String { FieldDefinition.grouped(ScaledDecimal.format(fen, scale: 2)) }

    /// Below ¥10,000 in full; above, to one decimal in 万 or 亿 (K or M in English).
    static func summary(_ fen: Int64, _ language: Language) -> String {
        let yuan = Double(fen) / 100
        guard abs(yuan) >= 10_000 else { return self.full(fen) }
        let steps: [(Double, String)] = language == .en ? [(1e6, "M"), (1e3, "K")] : [(1e8, "亿"), (1e4, "万")]
        let (size, unit) = steps.first { abs(yuan) >= $0.0 } ?? steps[steps.count - 1]
        let tenths = (yuan / size * 10).rounded()
        let text = String(Int64(tenths) / 10) + "." + String(abs(Int64(tenths) % 10))
        return "¥" + (tenths < 0 && Int64(tenths) / 10 == 0 ? "-" : "") + text + unit
    }
}
