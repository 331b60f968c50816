import Foundation

/// Turns what a person or a client sent into a stored value, or says what is wrong with it.
extension FieldDefinition {
    public func parse(_ input: InputValue, timeZone: TimeZone) -> Result<FieldValue, FieldError> {
        if input.isBlank { return self.required ? .failure(.required) : .success(self.emptyValue) }
        switch self.type {
        case .text, .longText: return self.parseText(input).flatMap(self.checkFormat)
        case .integer: return Self.parseInteger(input)
        case .decimal: return Self.parseScaled(input, scale: self.effectiveScale)
        // Amounts, prices and totals: a negative one means nothing (a refund is its own record).
        case .money: return Self.parseScaled(input, scale: 2).flatMap { $0.integerValue ?? 0 < 0 ? .failure(.negative) : .success($0) }
        case .bool: return Self.parseBool(input)
        case .date: return Self.parseDate(input)
        case .dateTime: return Self.parseDateTime(input, timeZone: timeZone)
        case .email: return self.parseText(input).flatMap(Self.checkEmail)
        case .phone: return self.parseText(input).flatMap(Self.checkPhone)
        case .url: return self.parseText(input).flatMap(Self.checkURL)
        case .choice: return self.parseChoice(input)
        case .choices: return self.parseChoices(input)
        case .files: return Self.parseFileIds(input)
        case .people: return Self.parsePeople(input)
        case .lines: return LineInput.parse(input).map { .text(LineItems.encode($0)) }
        case .link: return Self.parseInteger(input).flatMap { $0 == .integer(0) ? .failure(.invalid) : .success($0) }
        }
    }

    /// A stored value as the input that parses back to it, to copy a value from one record
    /// into another through the write pipeline (an order made from a quotation).
    public func input(from value: FieldValue) -> InputValue {
        switch self.type {
        case .text, .longText, .email, .phone, .url, .choice, .date, .lines:
            return value.textValue.map(InputValue.string) ?? .null
        case .choices, .files, .people:
            if case .list(let items) = value { return .list(items) }
            return .null
        case .bool:
            if case .bool(let flag) = value { return .bool(flag) }
            return .null
        case .integer, .link:
            return value.integerValue.map { .number(String($0)) } ?? .null
        case .decimal, .money:
            return value.integerValue.map { .string(ScaledDecimal.format($0, scale: self.effectiveScale)) } ?? .null
        case .dateTime:
            return value.integerValue.map { .string(DateTimeText.iso($0)) } ?? .null
        }
    }

    /// Text-like columns keep "" for empty so that they sort and page the same on both databases.
    public var emptyValue: FieldValue {
        switch self.type.storage {
        case .text: self.type.holdsList ? .list([]) : .text("")
        case .integer: self.type == .bool ? .bool(false) : .null
        }
    }

    private func parseText(_ input: InputValue) -> Result<FieldValue, FieldError> {
        guard let raw = input.scalarText else { return .failure(.invalid) }
        let text = self.type == .longText ? raw : raw.trimmed
        if text.utf8.count > self.effectiveMaxLength, text.count > self.effectiveMaxLength {
            return .failure(FieldError("too_long", ["max": String(self.effectiveMaxLength)]))
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            return .failure(.invalid)
        }
        return .success(.text(text))
    }

    private func parseChoice(_ input: InputValue) -> Result<FieldValue, FieldError> {
        guard let key = input.scalarText?.trimmed else { return .failure(.invalid) }
        return self.options.contains(key) ? .success(.text(key)) : .failure(FieldError("not_an_option"))
    }

    private func parseChoices(_ input: InputValue) -> Result<FieldValue, FieldError> {
        let raw: [String]
        switch input {
        case .list(let values): raw = values
        case .string(let text): raw = text.split(whereSeparator: { $0 == "," || $0 == "，" }).map(String.init)
        default: return .failure(.invalid)
        }
        var seen: [String] = []
        for value in raw.map(\.trimmed) where !value.isEmpty && !seen.contains(value) {
            if value.contains("|") || value.count > 50 { return .failure(.invalid) }
            if !self.options.isEmpty && !self.options.contains(value) { return .failure(FieldError("not_an_option")) }
            seen.append(value)
        }
        return .success(.list(seen))
    }
}

extension InputValue {
    public var isBlank: Bool {
        switch self {
        case .null: true
        case .string(let text): text.trimmed.isEmpty
        case .number(let text): text.isEmpty
        case .list(let values): values.allSatisfy { $0.trimmed.isEmpty }
        case .rows(let rows): rows.isEmpty
        case .bool: false
        }
    }

    public var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .null, .bool, .list, .rows: nil
        }
    }
}
