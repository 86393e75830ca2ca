import Glibc

/// The reverse proxies in front of the dashboard (`dashboard.trusted_proxies`: addresses or
/// networks such as `127.0.0.1`, `::1`, `10.0.0.0/8`). Only a request that arrives from one
/// of them may say who the client is (`Forwarded`, `X-Forwarded-For`) and whether it came
/// over HTTPS (`X-Forwarded-Proto`): from anyone else those headers are a claim anyone can
/// make, to slip past the login throttle or to lock another out.
public struct TrustedProxies: Sendable {
    struct Network: Sendable, Equatable {
        var address: [UInt8]
        var prefix: Int

        func contains(_ other: [UInt8]) -> Bool {
            guard other.count == address.count else { return false }
            var bits = prefix
            for (a, b) in zip(address, other) {
                guard bits > 0 else { return true }
                let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if a & mask != b & mask { return false }
                bits -= 8
            }
            return true
        }
    }

    let networks: [Network]

    public static let none = TrustedProxies(networks: [])

    private init(networks: [Network]) { self.networks = networks }

    /// `specs` as the config gives them; throws `Invalid` naming the first that is neither
    /// an IPv4 nor an IPv6 address, with an optional `/prefix`.
    public init(_ specs: [String]) throws {
        networks = try specs.map { spec in
            let parts = spec.split(separator: "/", maxSplits: 1).map(String.init)
            guard let address = parts.first.flatMap(Self.bytes) else { throw Invalid(spec: spec) }
            let prefix = parts.count == 2 ? Int(parts[1]) : address.count * 8
            guard let prefix, (0...(address.count * 8)).contains(prefix) else { throw Invalid(spec: spec) }
            return Network(address: address, prefix: prefix)
        }
    }

    public struct Invalid: Error, CustomStringConvertible {
        public var spec: String
        public var description: String {
            "'\(spec)' is not an IP address or network (like 127.0.0.1, ::1 or 10.0.0.0/8)"
        }
    }

    public var isEmpty: Bool { networks.isEmpty }

    func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// Who the client of a request is, and whether it came over HTTPS: the connection's
    /// `peer` unless that is a trusted proxy; then the nearest address in the forwarding
    /// chain that is not one (the entries further left are whatever the client wrote).
    func client(peer: String, forwarded: String?, forwardedFor: String?, forwardedProto: String?) -> ClientInfo {
        guard contains(peer) else { return ClientInfo(address: peer, https: false) }
        var chain: [(address: String, proto: String?)] = []
        if let forwarded {
            chain = Self.parseForwarded(forwarded)
        } else if let forwardedFor {
            chain = forwardedFor.split(separator: ",").map { (Self.clean(String($0)), nil) }
        }
        // The proxy that reached us speaks for the scheme: its element's proto, or its header.
        let proto = (chain.last?.proto ?? forwardedProto?.split(separator: ",").last.map(String.init))?
            .trimmed(" \t\"").lowercased()
        let client = chain.reversed().first { !contains($0.address) }?.address ?? chain.first?.address ?? peer
        return ClientInfo(address: client.isEmpty ? peer : client, https: proto == "https")
    }

    /// RFC 7239: `for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"`.
    static func parseForwarded(_ header: String) -> [(address: String, proto: String?)] {
        header.split(separator: ",").map { element in
            var address = ""
            var proto: String?
            for pair in element.split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmed(" \t") }
                guard kv.count == 2 else { continue }
                switch kv[0].lowercased() {
                case "for": address = clean(kv[1])
                case "proto": proto = kv[1].trimmed("\"")
                default: break
                }
            }
            return (address, proto)
        }
    }

    /// An address as a header writes it: quoted, an IPv6 one in brackets, maybe with a port.
    static func clean(_ text: String) -> String {
        var value = text.trimmed(" \t\"")
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
            return String(value[value.index(after: value.startIndex)..<close])
        }
        // An IPv4 address with a port; a bare IPv6 address has several colons.
        if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") { value = String(value[..<colon]) }
        return value
    }

    static func bytes(_ address: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            // An IPv4 client as an IPv6 socket sees it (::ffff:a.b.c.d) is that IPv4 address.
            if bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] { return Array(bytes.suffix(4)) }
            return bytes
        }
        return nil
    }
}

/// Who sent a request, as far as the dashboard can tell (`TrustedProxies.client`).
public struct ClientInfo: Sendable, Equatable {
    public var address: String
    /// Whether the client reached the proxy over HTTPS.
    public var https: Bool
}

extension String {
    fileprivate func trimmed(_ characters: String) -> String {
        let set = Set(characters)
        return String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
