import Foundation

/// A plain-text email as it goes over the wire (RFC 5322 with MIME): the body in UTF-8 and
/// base64, header texts beyond ASCII as encoded words, so Chinese arrives intact anywhere.
public struct MailMessage: Sendable, Equatable {
    public var fromAddress: String
    public var fromName: String
    public var to: String
    public var subject: String
    public var body: String

    public init(fromAddress: String, fromName: String = "", to: String, subject: String, body: String) {
        (self.fromAddress, self.fromName, self.to, self.subject, self.body) = (fromAddress, fromName, to, subject, body)
    }

    /// The message text, lines ending in CRLF, without the SMTP dot-stuffing.
    public func rendered(date: Date, messageId: String) -> String {
        let from = self.fromName.isEmpty ? "<\(self.fromAddress)>" : "\(Self.encodedWords(self.fromName)) <\(self.fromAddress)>"
        let headers = [
            "From: \(from)", "To: <\(self.to)>", "Subject: \(Self.encodedWords(self.subject))", "Date: \(Self.date(date))",
            "Message-ID: <\(messageId)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        let body = Data(self.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n"
    }

    /// ASCII text as it is; anything else as RFC 2047 words of whole characters, each short
    /// enough for a header line, folded onto lines of their own.
    static func encodedWords(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) { return flat }
        var words: [String] = [], chunk = ""
        for character in flat {
            if chunk.utf8.count + String(character).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// An address fit for the SMTP envelope: one mailbox, nothing that could end a command.
    public static func isValidAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && address.count <= 254
            && address.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && !"<>()[],;:\\\"".unicodeScalars.contains($0) }
    }
}
