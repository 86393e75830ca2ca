import CCurl
import Foundation

/// The byte stream of a connection libcurl opened and logged in (`CURLOPT_CONNECT_ONLY`):
/// bytes go through libcurl, so TLS stays its business, and every wait for the server is a
/// `poll` that a cancellation can wake.
///
/// Used only on its connection's serial queue, except `wake()`, which a task's cancellation
/// handler calls from anywhere.
final class CurlStream: @unchecked Sendable {
    /// A pipe `wake()` writes to, to end a `poll` waiting for the server.
    private let wakeup: (read: Int32, write: Int32)
    private let stallTimeout: Int
    private var handle: UnsafeMutableRawPointer?
    private var socket: Int32 = -1
    /// The socket's `SO_RCVLOWAT` as last set (the kernel's default is 1).
    private var lowWater: Int32 = 1
    /// Asked before each wait: whether the caller gave up (set by the owner).
    var isCancelled: () -> Bool = { false }

    init(stallTimeout: Int) {
        var ends: [Int32] = [-1, -1]
        precondition(pipe(&ends) == 0, "pipe failed: \(String(cString: strerror(errno)))")
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        wakeup = (ends[0], ends[1])
        self.stallTimeout = stallTimeout
    }

    deinit {
        close(wakeup.read)
        close(wakeup.write)
    }

    /// Reads and writes now go over `handle`'s connection, whose socket is `socket` (its
    /// receive buffer fitted to how near the server is). The handle stays its owner's to
    /// clean up.
    func attach(_ handle: UnsafeMutableRawPointer, socket: Int32) {
        self.handle = handle
        self.socket = socket
        lowWater = 1
        Self.fitReceiveBuffer(socket)
    }

    func detach() {
        handle = nil
        socket = -1
    }

    /// Ends the current wait (the caller then checks `isCancelled`).
    func wake() {
        var one: UInt8 = 1
        _ = write(wakeup.write, &one, 1)
    }

    /// Forgets wakeups meant for an earlier transfer.
    func drainWakeup() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakeup.read, &bytes, bytes.count) > 0 {}
    }

    /// Sends `bytes` whole, waiting while the socket is full.
    func send(_ bytes: [UInt8]) throws {
        guard let handle else { throw Self.closed }
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { thidua_curl_easy_send(handle, $0.baseAddress! + offset, bytes.count - offset, &sent) }
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLOUT))
                continue
            }
            guard code == CURLE_OK else { throw Self.failure(code, "sending to the server") }
            offset += sent
        }
    }

    /// Receives at least one byte into `buffer`, waiting for the server as long as the
    /// stall timeout allows. `coming`: bytes the server is known to be sending still (the
    /// rest of a message literal), for a wait that ends once a batch of them is in.
    func receive(into buffer: UnsafeMutableRawBufferPointer, coming: Int = 0) throws -> Int {
        guard let handle else { throw Self.closed }
        while true {
            var received = 0
            let code = thidua_curl_easy_recv(handle, buffer.baseAddress, buffer.count, &received)
            if code == CURLE_AGAIN {
                setLowWater(Self.lowWaterMark(coming: coming))
                try wait(for: Int16(POLLIN))
                continue
            }
            guard code == CURLE_OK else { throw Self.failure(code, "reading from the server") }
            guard received > 0 else { throw Self.closed }
            return received
        }
    }

    private func wait(for events: Int16) throws {
        var fds = [pollfd(fd: socket, events: events, revents: 0), pollfd(fd: wakeup.read, events: Int16(POLLIN), revents: 0)]
        while true {
            if isCancelled() { throw Self.cancelled }
            let ready = poll(&fds, 2, Int32(stallTimeout * 1000))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else {
                throw CurlError(
                    code: Int(CURLE_OPERATION_TIMEDOUT.rawValue),
                    detail: "the server sent nothing for \(stallTimeout) s", responseCode: 0)
            }
            if fds[1].revents != 0 {
                drainWakeup()
                continue  // cancelled, or a stale wakeup from an earlier transfer
            }
            return  // readable, writable, or closed: the next recv/send tells which
        }
    }

    /// How much of a literal's rest a wait asks for at most (`SO_RCVLOWAT`). Woken for
    /// every segment, a fast reader takes a few KB per wakeup and answers each with a window
    /// update; waiting for 64 KB at a time took thidua's CPU for the benchmark's thousand
    /// 1 MB messages from a loopback Dovecot down by 0.3–1.0 s in alternating runs.
    static let batchedWait = 64 * 1024

    /// What OpenSSL may hold of the stream already (its read-ahead buffer,
    /// `IMAPStreamConnection.tlsReadAhead` or one record, with room to spare), which the
    /// socket will never see again: a wait asks for no more than
    /// `coming` less this, so it can always be met, even by the last bytes of the last
    /// message before the server falls silent.
    static let bufferedByTLS = 32 * 1024

    /// The low-water mark for a wait with `coming` bytes still on their way.
    static func lowWaterMark(coming: Int) -> Int32 {
        Int32(max(1, min(batchedWait, coming - bufferedByTLS)))
    }

    private func setLowWater(_ bytes: Int32) {
        guard bytes != lowWater else { return }
        var value = bytes
        // It fails only for a socket that is gone, which the next recv reports.
        if setsockopt(socket, SOL_SOCKET, SO_RCVLOWAT, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 { lowWater = bytes }
    }

    /// A server this close (loopback, the office's network: no round trip of the connect,
    /// TLS and login exchanges over a millisecond) gets `nearbyReceiveBuffer`.
    static let nearbyRTT = 1_000  // µs

    /// The receive buffer asked for on a connection to a nearby server (the kernel doubles
    /// it for its bookkeeping). Left to autotune, it grows to megabytes on a fast reader, and
    /// the server then sends each TLS record (Dovecot writes them 4 KB at a time) as its own
    /// segment the moment it is written; a window that fills now and then makes it send
    /// what queued meanwhile in larger segments instead. Fetching the benchmark's thousand
    /// 1 MB messages from a loopback Dovecot took 120,000–160,000 TCP segments (both ways)
    /// instead of about 200,000, each one work for both ends on the same two cores
    /// (Dovecot's CPU fell by 0.3–0.6 s in most alternating runs). A path of a millisecond
    /// at 1 Gbit/s holds 125 KB in flight, less than this window; a distant server (Gmail,
    /// Microsoft 365) keeps the kernel's autotuning.
    static let nearbyReceiveBuffer: Int32 = 128 * 1024

    private static func fitReceiveBuffer(_ socket: Int32) {
        let rtt = thidua_socket_min_rtt(socket)
        guard rtt >= 0, rtt < nearbyRTT else { return }
        var size = nearbyReceiveBuffer
        // A failure leaves the kernel's autotuning, as for a distant server.
        _ = setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    static let cancelled = CurlError(code: Int(CURLE_ABORTED_BY_CALLBACK.rawValue), detail: "cancelled", responseCode: 0)

    private static let closed = CurlError(
        code: Int(CURLE_GOT_NOTHING.rawValue), detail: "the server closed the connection", responseCode: 0)

    private static func failure(_ code: CURLcode, _ what: String) -> CurlError {
        CurlError(code: Int(code.rawValue), detail: "\(what): \(String(cString: thidua_curl_easy_strerror(code)))", responseCode: 0)
    }
}
