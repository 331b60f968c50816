import Foundation
import Vapor

/// The reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` Strand believes
/// (`STRAND_TRUSTED_PROXIES`, addresses or CIDR ranges, comma-separated). From anyone else those
/// headers are ignored: a client could otherwise pick the address its guesses are counted at.
public struct TrustedProxies: Sendable {
    struct Range: Sendable {
        let bytes: [UInt8]
        let prefix: Int

        init?(_ text: String) {
            let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = TrustedProxies.bytes(parts[0]) else { return nil }
            let prefix = parts.count > 1 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...bytes.count * 8).contains(prefix) else { return nil }
            (self.bytes, self.prefix) = (bytes, prefix)
        }

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == self.bytes.count else { return false }
            for bit in 0..<self.prefix where (address[bit / 8] ^ self.bytes[bit / 8]) & (0x80 >> UInt8(bit % 8)) != 0 {
                return false
            }
            return true
        }
    }

    let ranges: [Range]

    /// The ranges named; nil when any of them is not an address or range.
    public init?(_ list: String) {
        let items = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let ranges = items.compactMap(Range.init)
        guard ranges.count == items.count else { return nil }
        self.ranges = ranges
    }

    public static let none = TrustedProxies("")!

    func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return self.ranges.contains { $0.contains(bytes) }
    }

    /// The client as the nearest untrusted hop says: the peer, or, when the peer is a trusted
    /// proxy, the last forwarded address that is not itself one of ours.
    func client(peer: String, forwardedFor: [String]) -> String {
        guard self.trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !self.trusts(hop) {
            return Self.bytes(hop) == nil ? peer : hop
        }
        return hops.first.flatMap { Self.bytes($0) == nil ? nil : $0 } ?? peer
    }

    static func bytes(_ address: String) -> [UInt8]? {
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, address, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        if inet_pton(AF_INET6, address, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
