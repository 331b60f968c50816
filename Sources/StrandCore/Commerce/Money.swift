/// Exact money arithmetic. Amounts are integers of fen; quantities, discounts and tax rates are
/// integers of hundredths. A product of several of them is computed exactly in 128 bits and
/// rounded once, half up (away from zero), to the fen: this is the only rounding rule in Strand.
public enum Money {
    /// Hundredths: quantities (1.5 is 150) and percentages (13% is 1300).
    public static let hundredths: Int128 = 100
    /// 100% in hundredths of a percent.
    public static let whole: Int128 = 10_000

    /// `numerator / denominator`, rounded half away from zero to an integer.
    public static func rounded(_ numerator: Int128, over denominator: Int128) -> Int64 {
        precondition(denominator > 0)
        let magnitude = (numerator.magnitude * 2 + denominator.magnitude) / (denominator.magnitude * 2)
        return Int64(numerator < 0 ? -Int128(magnitude) : Int128(magnitude))
    }

    /// `percent` (in hundredths of a percent) of `amount`, to the fen.
    public static func percent(_ percent: Int64, of amount: Int64) -> Int64 {
        rounded(Int128(amount) * Int128(percent), over: whole)
    }

    /// Splits `amount` in proportion to `weights`, each part rounded and the last taking what
    /// rounding left, so the parts always add up to the amount exactly.
    public static func split(_ amount: Int64, by weights: [Int64]) -> [Int64] {
        let sum = weights.reduce(Int128(0)) { $0 + Int128($1) }
        guard sum != 0, !weights.isEmpty else { return weights.map { _ in 0 } }
        var parts = weights.dropLast().map { rounded(Int128(amount) * Int128($0), over: sum) }
        parts.append(amount - parts.reduce(0, +))
        return parts
    }
}
