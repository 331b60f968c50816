import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

public enum SmtpError: Error, CustomStringConvertible, Equatable {
    /// The server answered `code` where the step needed another.
    case refused(step: String, code: Int, text: String)
    case startTLSNotOffered
    case closed(step: String)

    public var description: String {
        switch self {
        case .refused(let step, let code, let text): "\(step): \(code) \(text)"
        case .startTLSNotOffered: "STARTTLS: not offered by the server"
        case .closed(let step): "\(step): connection closed"
        }
    }

    /// A 5xx answer will not change on a retry; anything else (4xx, a dropped line) may.
    public var isPermanent: Bool {
        if case .refused(_, let code, _) = self { return code >= 500 }
        return false
    }
}

/// Sends one message per connection, over plain text, STARTTLS or TLS, with AUTH PLAIN when
/// a user name is set. Every step has to succeed; the whole exchange has `timeout`.
public enum SmtpClient {
    public static func send(_ message: MailMessage, settings: SmtpSettings, timeout: TimeAmount = .seconds(30),
                            group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws {
        let sslContext = settings.security == .none ? nil : try NIOSSLContext(configuration: self.tlsConfiguration(settings))
        let implicitTLS = settings.security == .tls ? sslContext : nil
        // Server name indication takes a name, never an address.
        let host = settings.host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) ? nil : settings.host
        let channel = try await ClientBootstrap(group: group).connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS { try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: implicitTLS, serverHostname: host)) }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) { channel.channel.close(promise: nil) }
        defer { deadline.cancel() }
        try await channel.executeThenClose { inbound, outbound in
            var session = Session(lines: inbound.makeAsyncIterator(), outbound: outbound)
            _ = try await session.reply(expecting: [220], step: "greeting")
            var features = try await session.command("EHLO \(self.ehloName)", expecting: [250])
            if settings.security == .starttls, let sslContext {
                guard features.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else { throw SmtpError.startTLSNotOffered }
                _ = try await session.command("STARTTLS", expecting: [220])
                // Ahead of the line decoder, so that everything from here on is read and written through TLS.
                let pipeline = channel.channel.pipeline
                try await channel.channel.eventLoop.submit {
                    try pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: sslContext, serverHostname: host), position: .first)
                }.get()
                features = try await session.command("EHLO \(self.ehloName)", expecting: [250])
            }
            if !settings.username.isEmpty {
                let token = Data("\0\(settings.username)\0\(settings.password)".utf8).base64EncodedString()
                _ = try await session.command("AUTH PLAIN \(token)", expecting: [235], shown: "AUTH PLAIN")
            }
            _ = try await session.command("MAIL FROM:<\(message.fromAddress)>", expecting: [250])
            _ = try await session.command("RCPT TO:<\(message.to)>", expecting: [250, 251])
            _ = try await session.command("DATA", expecting: [354])
            let text = message.rendered(date: Date(), messageId: "\(UUID().uuidString.lowercased())@\(self.ehloName)")
            _ = try await session.command(self.dotStuffed(text) + ".", expecting: [250], shown: "message")
            _ = try? await session.command("QUIT", expecting: [221])
        }
    }

    static func tlsConfiguration(_ settings: SmtpSettings) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !settings.verifyCertificate { configuration.certificateVerification = .none }
        return configuration
    }

    static let ehloName: String = {
        let name = ProcessInfo.processInfo.hostName
        return !name.isEmpty && name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) ? name : "localhost"
    }()

    /// A line starting with a dot gets another, so no line of the message ends it early.
    static func dotStuffed(_ text: String) -> String {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
    }

    struct Session {
        var lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

        /// Sends a command and reads its reply; `shown` names it in errors instead (never a password).
        mutating func command(_ line: String, expecting codes: Set<Int>, shown: String? = nil) async throws -> [String] {
            try await self.outbound.write(ByteBuffer(string: line + "\r\n"))
            return try await self.reply(expecting: codes, step: shown ?? line)
        }

        /// A reply's lines (`250-…` continue, `250 …` ends), without their codes.
        mutating func reply(expecting codes: Set<Int>, step: String) async throws -> [String] {
            var texts: [String] = []
            while true {
                guard var buffer = try await self.lines.next(), let line = buffer.readString(length: buffer.readableBytes) else {
                    throw SmtpError.closed(step: step)
                }
                let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
                guard trimmed.count >= 3, let code = Int(trimmed.prefix(3)) else { throw SmtpError.refused(step: step, code: 0, text: trimmed) }
                texts.append(String(trimmed.dropFirst(4)))
                if trimmed.count == 3 || trimmed.dropFirst(3).first == " " {
                    guard codes.contains(code) else { throw SmtpError.refused(step: step, code: code, text: texts.joined(separator: " ")) }
                    return texts
                }
            }
        }
    }
}
