/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters whose last
/// is a check character, so a mistyped code is caught when it is entered.
public enum CreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public static func isValid(_ code: String) -> Bool {
        let chars = Array(code.uppercased())
        guard chars.count == 18, let check = self.checkCharacter(for: chars.prefix(17)) else { return false }
        return chars[17] == check
    }

    /// The 18th character for the first 17; nil if they use a character outside the alphabet.
    public static func checkCharacter<C: Collection>(for body: C) -> Character? where C.Element == Character {
        var sum = 0
        for (index, char) in body.enumerated() {
            guard let value = self.alphabet.firstIndex(of: char) else { return nil }
            sum += value * self.weights[index]
        }
        return self.alphabet[(31 - sum % 31) % 31]
    }
}
