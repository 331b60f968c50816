import Foundation

/// The parsers and checks of single formats, shared by `FieldDefinition.parse`.
extension FieldDefinition {
    static func parseInteger(_ input: InputValue) -> Result<FieldValue, FieldError> {
        guard let text = input.scalarText?.trimmed, let value = Int64(text) else {
            return .failure(FieldError("not_a_number"))
        }
        return .success(.integer(value))
    }

    /// Exact decimal text to a scaled integer; more places than the scale is an error, never a
    /// silent rounding.
    static func parseScaled(_ input: InputValue, scale: Int) -> Result<FieldValue, FieldError> {
        guard let raw = input.scalarText else { return .failure(FieldError("not_a_number")) }
        let text = raw.filter { $0 != "," }.trimmed
        guard let value = ScaledDecimal.parse(text, scale: scale) else {
            if ScaledDecimal.parse(text, scale: 12) != nil {
                return .failure(FieldError("too_many_decimals", ["places": String(scale)]))
            }
            return .failure(FieldError("not_a_number"))
        }
        return .success(.integer(value))
    }

    static func parseBool(_ input: InputValue) -> Result<FieldValue, FieldError> {
        switch input {
        case .bool(let flag): return .success(.bool(flag))
        case .string(let text), .number(let text):
            switch text.lowercased() {
            case "1", "true", "on", "yes": return .success(.bool(true))
            case "0", "false", "off", "no": return .success(.bool(false))
            default: return .failure(.invalid)
            }
        default: return .failure(.invalid)
        }
    }

    static func parseDate(_ input: InputValue) -> Result<FieldValue, FieldError> {
        guard let text = input.scalarText?.trimmed, let day = CalendarDay(text) else {
            return .failure(FieldError("invalid_date"))
        }
        return .success(.text(day.description))
    }

    static func parseDateTime(_ input: InputValue, timeZone: TimeZone) -> Result<FieldValue, FieldError> {
        guard let text = input.scalarText?.trimmed,
              let date = DateTimeText.parse(text, timeZone: timeZone) else {
            return .failure(FieldError("invalid_datetime"))
        }
        return .success(.integer(Int64((date.timeIntervalSince1970 * 1000).rounded())))
    }

    static func checkEmail(_ value: FieldValue) -> Result<FieldValue, FieldError> {
        guard case .text(let text) = value else { return .failure(.invalid) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let ok = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(Character("."))
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.unicodeScalars.contains(where: Self.isForbiddenInEmail)
        return ok ? .success(.text(text.lowercased())) : .failure(FieldError("invalid_email"))
    }

    /// Spaces and the characters an address may only have quoted; by scalar, as an import
    /// checks a hundred thousand addresses.
    private static func isForbiddenInEmail(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "<", ">", "\"", "'", "(", ")", ",", ";", ":", "\\", "[", "]": true
        default: scalar.isSpace
        }
    }

    static func checkPhone(_ value: FieldValue) -> Result<FieldValue, FieldError> {
        guard case .text(let text) = value else { return .failure(.invalid) }
        let allowed = text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == " " || $0 == "+" || $0 == "-" || $0 == "(" || $0 == ")" }
        let digits = text.utf8.count { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return allowed && (5...20).contains(digits) ? .success(value) : .failure(FieldError("invalid_phone"))
    }

    /// Only http and https: a `javascript:` or `data:` address must never become a link.
    static func checkURL(_ value: FieldValue) -> Result<FieldValue, FieldError> {
        guard case .text(var text) = value else { return .failure(.invalid) }
        if !text.contains("://") { text = "https://" + text }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, host.contains(".") else {
            return .failure(FieldError("invalid_url"))
        }
        return .success(.text(text))
    }

    /// File ids are random URL-safe tokens; anything else cannot name a file.
    /// Up to 50 user ids, each once, in the order given; that they are active people is the
    /// store's check.
    static func parsePeople(_ input: InputValue) -> Result<FieldValue, FieldError> {
        let raw: [String]
        switch input {
        case .list(let values): raw = values
        case .string(let text), .number(let text): raw = text.split(separator: ",").map(String.init)
        default: return .failure(.invalid)
        }
        var ids: [String] = []
        for text in raw.map({ $0.trimmed }) where !text.isEmpty {
            guard let id = Int64(text), id > 0 else { return .failure(.invalid) }
            if !ids.contains(String(id)) { ids.append(String(id)) }
        }
        return ids.count <= 50 ? .success(.list(ids)) : .failure(FieldError("too_many", ["max": "50"]))
    }

    static func parseFileIds(_ input: InputValue) -> Result<FieldValue, FieldError> {
        let ids: [String]
        switch input {
        case .list(let values): ids = values
        case .string(let text): ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        default: return .failure(.invalid)
        }
        let clean = ids.filter { !$0.isEmpty }
        guard clean.count <= 20, clean.allSatisfy({ $0.count <= 64 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } }) else {
            return .failure(.invalid)
        }
        return .success(.list(Array(NSOrderedSet(array: clean)) as? [String] ?? clean))
    }

    func checkFormat(_ value: FieldValue) -> Result<FieldValue, FieldError> {
        guard let format = self.format, case .text(let text) = value else { return .success(value) }
        switch format {
        case .creditCode:
            let code = text.uppercased()
            return CreditCode.isValid(code) ? .success(.text(code)) : .failure(FieldError("invalid_credit_code"))
        }
    }
}
