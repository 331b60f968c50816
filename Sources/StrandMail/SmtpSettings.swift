/// How Strand reaches the company's mail server, as the administrator set it.
public struct SmtpSettings: Codable, Sendable, Equatable {
    public enum Security: String, Codable, Sendable, CaseIterable {
        /// Plain text, for a relay on the same machine or network.
        case none
        /// Plain first, then TLS after STARTTLS (port 587 or 25); refused if the server does not offer it.
        case starttls
        /// TLS from the first byte (port 465).
        case tls
    }

    public var host = ""
    public var port = 587
    public var security = Security.starttls
    public var username = ""
    public var password = ""
    public var fromAddress = ""
    public var fromName = "Strand CRM"
    /// Off only for a server with a certificate of the company's own making.
    public var verifyCertificate = true
    /// Where Strand is reached, for links in the messages (`https://crm.example.com`).
    public var siteURL = ""

    public init() {}

    public var isConfigured: Bool { !self.host.isEmpty && !self.fromAddress.isEmpty }
}
