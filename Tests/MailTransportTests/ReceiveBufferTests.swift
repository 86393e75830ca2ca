import CCurl
import Foundation
import Glibc
import Testing

@testable import MailTransport

/// The round-trip time that decides the fetching connection's receive buffer is read from
/// the kernel's `tcp_info`, through thidua's own copy of its layout; waits for a literal's
/// rest ask the socket for batches it can deliver.
struct ReceiveBufferTests {
    @Test func aLoopbackConnectionMeasuresAsNearby() throws {
        let server = try ReversingIMAPServer(messages: [:])
        defer { server.stop() }
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = server.port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        var greeting = [UInt8](repeating: 0, count: 256)
        #expect(recv(client, &greeting, greeting.count, 0) > 0)  // the handshake gave the kernel a round trip to time
        let rtt = thidua_socket_min_rtt(client)
        #expect(rtt > 0 && rtt < CurlStream.nearbyRTT, "min RTT \(rtt) µs on loopback")
    }

    /// A wait for part of a literal must be one the rest of the stream can meet: the
    /// socket never sees again what OpenSSL read ahead, and after the last message the
    /// server sends nothing more.
    @Test func aWaitNeverAsksForMoreThanCanStillArrive() {
        let margin = CurlStream.bufferedByTLS
        for coming in [0, 1, 4096, margin - 1, margin, margin + 1, margin + 4096, 100_000, 250_000, 10_000_000] {
            let mark = Int(CurlStream.lowWaterMark(coming: coming))
            #expect(mark >= 1 && mark <= CurlStream.batchedWait, "\(coming) coming")
            if coming > margin {
                #expect(mark <= coming - margin, "\(coming) coming: waits for \(mark)")
            } else {
                #expect(mark == 1, "\(coming) coming: waits for \(mark)")
            }
        }
        #expect(CurlStream.lowWaterMark(coming: 10_000_000) == CurlStream.batchedWait, "a large rest is waited for in batches")
        // OpenSSL reads ahead into a buffer of `tlsReadAhead` bytes, or of one whole record
        // (16 KB of data, its header and its overhead) when that is larger.
        #expect(margin >= max(IMAPStreamConnection.tlsReadAhead, 16 * 1024) + 2 * 1024, "the margin covers OpenSSL's read-ahead buffer")
    }

    @Test func aDescriptorThatIsNoTCPSocketHasNoRoundTrip() {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        #expect(thidua_socket_min_rtt(ends[0]) == -1)
        for end in ends { close(end) }
    }
}
