/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters whose last
/// is a check character, so a mistyped code is caught when it is entered.
public enum CreditCode {
    /// By byte: an import checks a hundred thousand codes.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public static func isValid(_ code: String) -> Bool {
        let bytes = Array(code.uppercased().utf8)
        guard bytes.count == 18, let check = self.checkByte(for: bytes.prefix(17)) else { return false }
        return bytes[17] == check
    }

    /// The 18th character for the first 17; nil if they use a character outside the alphabet.
    public static func checkCharacter(for body: some StringProtocol) -> Character? {
        self.checkByte(for: Array(body.utf8)).map { Character(Unicode.Scalar($0)) }
    }

    static func checkByte<C: Collection<UInt8>>(for body: C) -> UInt8? {
        guard body.count == 17 else { return nil }
        var sum = 0
        for (index, byte) in body.enumerated() {
            guard let value = self.alphabet.firstIndex(of: byte) else { return nil }
            sum += value * self.weights[index]
        }
        return self.alphabet[(31 - sum % 31) % 31]
    }
}
