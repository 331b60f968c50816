/// Exact decimals as integers of their smallest unit (money in fen): no floating point touches
/// an amount anywhere in Strand.
public enum ScaledDecimal {
    /// "1234.5" at scale 2 is 123450; nil for anything that is not a plain decimal or has more
    /// places than `scale`.
    public static func parse(_ text: String, scale: Int) -> Int64? {
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative || rest.first == "+" { rest = rest.dropFirst() }
        let pieces = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let whole = pieces.first, !(whole.isEmpty && pieces.count == 1) else { return nil }
        let fraction = pieces.count == 2 ? pieces[1] : ""
        guard whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber),
              fraction.allSatisfy(\.isASCII), fraction.allSatisfy(\.isNumber),
              !(whole.isEmpty && fraction.isEmpty), fraction.count <= scale, whole.count <= 15 else { return nil }
        let padded = fraction + String(repeating: "0", count: scale - fraction.count)
        guard let units = Int64((whole.isEmpty ? "0" : String(whole)) + padded) else { return nil }
        return negative ? -units : units
    }

    /// 123450 at scale 2 is "1234.50".
    public static func format(_ units: Int64, scale: Int) -> String {
        let sign = units < 0 ? "-" : ""
        guard scale > 0 else { return sign + String(units.magnitude) }
        let (whole, fraction) = units.magnitude.quotientAndRemainder(dividingBy: (0..<scale).reduce(1) { power, _ in power * 10 })
        let places = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: scale - places.count) + places
    }
}
