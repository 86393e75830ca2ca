import CCurl  // its headers bring in <sys/socket.h>, where SOCK_STREAM is (Glibc alone does not show it)
import Foundation
import Glibc
import Synchronization

/// A loopback IMAP server that plays one part Dovecot cannot be made to play on demand: it
/// answers `UID FETCH` commands that arrive together last first, each one's data and then
/// its tagged completion, as RFC 3501 (section 5.5) allows a server that runs commands at
/// once. Anything else it answers as a plain server would: it logs anyone in, has INBOX
/// (UIDVALIDITY 7) holding `messages`, and serves one connection at a time.
final class ReversingIMAPServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let messages: [UInt32: [UInt8]]
    private let counts = Mutex(Counts())

    struct Counts {
        /// Connections accepted: a client that lost step with the server reconnects.
        var connections = 0
        /// `UID FETCH` commands answered.
        var fetches = 0
    }

    /// How long a `UID FETCH` waits for more commands to answer along with it.
    private static let gathering: Int32 = 300  // ms

    init(messages: [UInt32: [UInt8]]) throws {
        self.messages = messages
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard listener >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in serve() }
    }

    var url: String { "imap://127.0.0.1:\(port)/INBOX" }

    var connections: Int { counts.withLock { $0.connections } }
    var fetches: Int { counts.withLock { $0.fetches } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }  // stopped
            counts.withLock { $0.connections += 1 }
            converse(with: Peer(socket: client))
            close(client)
        }
    }

    private func converse(with peer: Peer) {
        peer.send("* OK [CAPABILITY IMAP4rev1] scripted server ready\r\n")
        while let line = peer.readLine(waitingAtMost: -1) {
            let words = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard words.count >= 2 else {
                peer.send("* BAD no tag\r\n")
                continue
            }
            let tag = words[0]
            switch words[1].uppercased() {
            case "CAPABILITY": peer.send("* CAPABILITY IMAP4rev1\r\n\(tag) OK done\r\n")
            case "LOGIN": peer.send("\(tag) OK logged in\r\n")
            case "EXAMINE", "SELECT":
                let next = (messages.keys.max() ?? 0) + 1
                peer.send(
                    "* \(messages.count) EXISTS\r\n* OK [UIDVALIDITY 7] UIDs valid\r\n* OK [UIDNEXT \(next)] next\r\n"
                        + "\(tag) OK [READ-ONLY] done\r\n")
            case "NOOP": peer.send("\(tag) OK done\r\n")
            case "LOGOUT":
                peer.send("* BYE logging out\r\n\(tag) OK done\r\n")
                return
            case "UID" where words.count == 3 && words[2].uppercased().hasPrefix("FETCH "):
                var pending = [(tag, words[2])]
                // Whatever the client sent right behind it is answered with it, last first.
                while let more = peer.readLine(waitingAtMost: Self.gathering) {
                    let parts = more.split(separator: " ", maxSplits: 2).map(String.init)
                    guard parts.count == 3, parts[1].uppercased() == "UID", parts[2].uppercased().hasPrefix("FETCH ") else {
                        peer.send("\(parts.first ?? "*") BAD only fetches may follow a fetch here\r\n")
                        continue
                    }
                    pending.append((parts[0], parts[2]))
                }
                for (tag, command) in pending.reversed() { answerFetch(tag: tag, command: command, to: peer) }
            default: peer.send("\(tag) BAD unknown command\r\n")
            }
        }
    }

    private func answerFetch(tag: String, command: String, to peer: Peer) {
        counts.withLock { $0.fetches += 1 }
        let uid = command.split(separator: " ").dropFirst().first.flatMap { UInt32($0) }
        if let uid, let message = messages[uid] {
            let sequence = messages.keys.sorted().firstIndex(of: uid)! + 1
            peer.send("* \(sequence) FETCH (UID \(uid) INTERNALDATE \"18-Feb-2021 09:12:00 +0700\" BODY[] {\(message.count)}\r\n")
            peer.send(message)
            peer.send(")\r\n")
        }
        peer.send("\(tag) OK Fetch completed\r\n")  // no data for a UID that is not there, as Dovecot does
    }

    /// One client connection: lines in, bytes out.
    private final class Peer {
        let socket: Int32
        private var buffered: [UInt8] = []

        init(socket: Int32) { self.socket = socket }

        func send(_ text: String) { send(Array(text.utf8)) }

        func send(_ bytes: [UInt8]) {
            var offset = 0
            while offset < bytes.count {
                let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { return }
                offset += sent
            }
        }

        /// The next line without its CRLF; nil when the client closed, or sent no line within
        /// `milliseconds` (-1: wait as long as it takes).
        func readLine(waitingAtMost milliseconds: Int32) -> String? {
            while true {
                if let newline = buffered.firstIndex(of: 10) {
                    let line = buffered[..<newline].last == 13 ? buffered[..<(newline - 1)] : buffered[..<newline]
                    defer { buffered.removeSubrange(...newline) }
                    return String(decoding: line, as: UTF8.self)
                }
                var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                guard poll(&ready, 1, milliseconds) > 0 else { return nil }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = recv(socket, &chunk, chunk.count, 0)
                guard count > 0 else { return nil }
                buffered += chunk[..<count]
            }
        }
    }
}
