import Foundation
import MIME
import Testing

@testable import MailTransport

/// A server may complete pipelined commands in any order (RFC 3501, section 5.5). The
/// fetching connection must take each fetch's answer for what it is, whichever comes
/// first, and stay in step with the server: no fetch may wait for a completion that was
/// already read (a stall, then a reconnect).
@Suite(.serialized)
struct OutOfOrderCompletionTests {
    static func message(_ number: Int, size: Int) -> [UInt8] {
        let header =
            "From: <truong-\(number)@schools.example>\r\nSubject: Ke hoach \(number)\r\nMessage-ID: <\(number)@schools.example>\r\n\r\n"
        // Body lines that look like the ends of commands: read as lines, they would end one early.
        let lines = (0..<(size / 20)).map { "T\($0 % 9) OK line \(number)\r\n" }.joined()
        return Array((header + lines).utf8)
    }

    /// Runs `body` against a fresh server holding `messages`, with a client of it (whose stall
    /// timeout is short, so that a fetch left waiting reconnects soon) and a scratch directory.
    static func withServer(
        _ messages: [UInt32: [UInt8]],
        _ body: (ReversingIMAPServer, IMAPClient, URL) async throws -> Void
    ) async throws {
        let server = try ReversingIMAPServer(messages: messages)
        defer { server.stop() }
        let imap = IMAPClient(
            server: try MailServerURL(server.url, schemes: ["imap"]),
            settings: ConnectionSettings(user: "thidua", password: "mat-khau", requireTLS: false, stallTimeout: 2))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-reversed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(server, imap, directory)
    }

    /// Fetches `uid` (with `next` pipelined) into `file` and expects the file to hold that
    /// message whole, with its size and hash.
    static func expectFetched(
        _ uid: UInt32, next: [UInt32], by imap: IMAPClient, into file: URL, _ messages: [UInt32: [UInt8]]
    ) async throws {
        let fetched = try await imap.fetch(mailbox: "INBOX", uidValidity: 7, uid: uid, toFile: file.path, durable: false, next: next)
        let onDisk = Array(try Data(contentsOf: file))
        #expect(fetched.uid == uid)
        #expect(onDisk == messages[uid], "UID \(uid): the file holds another message or a part of one")
        #expect(fetched.size == onDisk.count && fetched.sha256 == SHA256Hasher.hex(of: onDisk))
    }

    @Test func aPipelinedFetchAnsweredAndCompletedFirstIsKeptForItsTurn() async throws {
        let messages: [UInt32: [UInt8]] = [1: Self.message(1, size: 700_000), 2: Self.message(2, size: 300_000)]
        try await Self.withServer(messages) { server, imap, directory in
            // UID 2 is asked for behind UID 1 and answered, and completed, before it.
            for (uid, next) in [(UInt32(1), [UInt32(2)]), (2, []), (1, [])] {
                try await Self.expectFetched(
                    uid, next: next, by: imap, into: directory.appendingPathComponent("\(uid)-\(server.fetches)"), messages)
            }
            // UID 2's fetch took its early answer without asking again, and nothing made the
            // connection wait out its stall timeout and log in anew.
            #expect(server.fetches == 3)
            #expect(server.connections == 1)
        }
    }

    /// Several fetches pipelined behind the one read, all answered before it, last first:
    /// each message is kept for its turn, none is asked for twice.
    @Test func severalPipelinedFetchesAnsweredFirstAreEachKeptForTheirTurns() async throws {
        let messages: [UInt32: [UInt8]] = [
            1: Self.message(1, size: 400_000), 2: Self.message(2, size: 200_000), 3: Self.message(3, size: 100_000),
        ]
        try await Self.withServer(messages) { server, imap, directory in
            for (uid, next) in [(UInt32(1), [UInt32(2), 3]), (2, [3]), (3, [])] {
                try await Self.expectFetched(uid, next: next, by: imap, into: directory.appendingPathComponent("\(uid)"), messages)
            }
            #expect(server.fetches == 3)
            #expect(server.connections == 1)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("early") }
            #expect(leftovers.isEmpty, "early files left behind: \(leftovers)")
        }
    }

    @Test func aPipelinedFetchCompletedFirstWithoutItsMessageIsAMissingMessage() async throws {
        let messages: [UInt32: [UInt8]] = [1: Self.message(1, size: 200_000), 2: Self.message(2, size: 100_000)]
        try await Self.withServer(messages) { server, imap, directory in
            // UID 9 is not there: its fetch completes (OK, no data) before UID 1's.
            let first = try await imap.fetch(
                mailbox: "INBOX", uidValidity: 7, uid: 1, toFile: directory.appendingPathComponent("1").path,
                durable: false, next: [9])
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: first.path))) == messages[1])
            // Asked for, UID 9 is reported missing (after one NOOP and one more try), in step.
            let missing = directory.appendingPathComponent("9").path
            let error = await #expect(throws: IMAPProtocolError.self) {
                try await imap.fetch(mailbox: "INBOX", uidValidity: 7, uid: 9, toFile: missing, durable: false)
            }
            #expect(error?.kind == .missingMessage)
            #expect(!FileManager.default.fileExists(atPath: missing))
            let second = try await imap.fetch(
                mailbox: "INBOX", uidValidity: 7, uid: 2, toFile: directory.appendingPathComponent("2").path,
                durable: false)
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: second.path))) == messages[2])
            #expect(server.fetches == 4)  // 1 and 9 together, 9 once more after the NOOP, then 2
            #expect(server.connections == 1)
        }
    }
}
