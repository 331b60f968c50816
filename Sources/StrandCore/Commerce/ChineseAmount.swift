/// An amount in Chinese capital numerals (大写金额), as written on contracts, invoices and
/// cheques: 1234.56 is 壹仟贰佰叁拾肆元伍角陆分, 1005 is 壹仟零伍元整.
public enum ChineseAmount {
    static let digits = Array("零壹贰叁肆伍陆柒捌玖")
    static let places = ["", "拾", "佰", "仟"]
    static let sections = ["", "万", "亿", "万亿"]

    /// `fen` written out; negative amounts start with 负.
    public static func words(fen: Int64) -> String {
        let magnitude = fen.magnitude
        let yuan = magnitude / 100, jiao = Int(magnitude / 10 % 10), cents = Int(magnitude % 10)
        var text = fen < 0 ? "负" : ""
        if yuan > 0 { text += self.integer(yuan) + "元" }
        if jiao == 0 && cents == 0 { return text + (yuan > 0 ? "整" : "零元整") }
        if jiao > 0 { text += String(digits[jiao]) + "角" } else if yuan > 0 { text += "零" }
        text += cents > 0 ? String(digits[cents]) + "分" : "整"
        return text
    }

    /// Sections of four digits, each with its 万 or 亿; a run of zeros inside the number is one
    /// 零, and zeros at the end are not written.
    static func integer(_ value: UInt64) -> String {
        var groups: [Int] = []
        var rest = value
        while rest > 0 { groups.append(Int(rest % 10_000)); rest /= 10_000 }
        var text = "", zeroPending = false
        for (index, group) in groups.enumerated().reversed() {
            for place in stride(from: 3, through: 0, by: -1) {
                let digit = group / Int(pow10(place)) % 10
                if digit == 0 {
                    zeroPending = !text.isEmpty
                    continue
                }
                if zeroPending { text += "零" }
                text += String(digits[digit]) + places[place]
                zeroPending = false
            }
            if group > 0 { text += sections[index] }
        }
        return text
    }

    private static func pow10(_ exponent: Int) -> UInt64 {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }
}
