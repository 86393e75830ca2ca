import Testing

@testable import Dashboard

/// Forwarding headers are believed from a trusted proxy only, and then only as far as the
/// nearest address the proxies did not add themselves.
struct TrustedProxiesTests {
    let proxies = try! TrustedProxies(["127.0.0.1", "::1", "10.0.0.0/8"])

    @Test func aClientThatIsNoProxyIsWhatTheConnectionSays() {
        let client = proxies.client(
            peer: "203.0.113.9", forwarded: "for=192.0.2.1;proto=https", forwardedFor: "192.0.2.1", forwardedProto: "https")
        #expect(client == ClientInfo(address: "203.0.113.9", https: false), "a stranger's headers are only a claim")
        #expect(
            TrustedProxies.none.client(peer: "127.0.0.1", forwarded: nil, forwardedFor: "192.0.2.1", forwardedProto: nil).address
                == "127.0.0.1", "no proxies configured: no header is believed")
    }

    @Test func behindTheProxyTheNearestForeignAddressIsTheClient() {
        // The client wrote a made-up entry first; the proxies appended the real one.
        let client = proxies.client(
            peer: "127.0.0.1", forwarded: nil, forwardedFor: "1.2.3.4, 192.0.2.7, 10.1.2.3", forwardedProto: "https")
        #expect(client == ClientInfo(address: "192.0.2.7", https: true))
        let plain = proxies.client(peer: "::ffff:127.0.0.1", forwarded: nil, forwardedFor: "192.0.2.8", forwardedProto: "http")
        #expect(plain == ClientInfo(address: "192.0.2.8", https: false))
    }

    @Test func theForwardedHeaderIsReadAsRFC7239WritesIt() {
        let client = proxies.client(
            peer: "::1", forwarded: "for=1.2.3.4, for=\"[2001:db8:cafe::17]:4711\";proto=https", forwardedFor: "9.9.9.9",
            forwardedProto: nil)
        #expect(client == ClientInfo(address: "2001:db8:cafe::17", https: true))
        #expect(TrustedProxies.clean("192.0.2.60:8080") == "192.0.2.60")
    }

    @Test func aSpecThatIsNoAddressIsRefusedByName() {
        #expect(throws: TrustedProxies.Invalid.self) { try TrustedProxies(["127.0.0.1", "proxy.local"]) }
        #expect(throws: TrustedProxies.Invalid.self) { try TrustedProxies(["10.0.0.0/33"]) }
        #expect((try? TrustedProxies(["2001:db8::/32"]))?.contains("2001:db8:1::5") == true)
        #expect((try? TrustedProxies(["2001:db8::/32"]))?.contains("2001:db9::5") == false)
    }
}
