import Foundation
import Testing

@testable import MailTransport

/// Parsing what libcurl hands over from a custom IMAP command: every response line,
/// literal included, after whatever the connection said before.
struct IMAPResponseTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func statusIsFoundAmongOtherResponses() {
        let response = Self.bytes(
            "* OK [CAPABILITY IMAP4rev1] ready\r\nA001 OK Logged in\r\n* STATUS \"INBOX\" (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 1614000000)\r\nA002 OK done\r\n"
        )
        #expect(IMAPResponse.status(response) == MailboxStatus(uidValidity: 1_614_000_000, uidNext: 4, messages: 3))
    }

    @Test func searchListsUIDsAscending() {
        #expect(IMAPResponse.search(Self.bytes("* SEARCH 9 4 5\r\nA3 OK\r\n")) == [4, 5, 9])
        #expect(IMAPResponse.search(Self.bytes("* SEARCH\r\nA3 OK\r\n")) == [])
    }

    @Test func theLiteralIsTakenByByteCountEvenWhenItLooksLikeIMAP() throws {
        let message = "Subject: x\r\n\r\n* 2 FETCH (UID 99 BODY[] {3}\r\nabc\r\n)\r\nA9 OK fake\r\n"
        let response =
            Self.bytes("* 1 FETCH (UID 7 INTERNALDATE \"18-Feb-2021 09:12:00 +0700\" BODY[] {\(message.utf8.count)}\r\n")
            + Self.bytes(message) + Self.bytes(")\r\nA4 OK Fetch completed\r\n")
        let fetched = try #require(IMAPResponse.fetchedMessage(response))
        #expect(fetched.uid == 7)
        #expect(fetched.raw == Self.bytes(message))
        #expect(fetched.internalDate == Date(timeIntervalSince1970: 1_613_614_320))
    }

    @Test func attributesAfterTheLiteralAreRead() throws {
        let response = Self.bytes("* 1 FETCH (BODY[] {2}\r\nhi UID 12 INTERNALDATE \"01-Jan-2021 00:00:00 +0000\")\r\nA1 OK\r\n")
        let fetched = try #require(IMAPResponse.fetchedMessage(response))
        #expect(fetched.uid == 12)
        #expect(fetched.raw == Self.bytes("hi"))
    }

    @Test func aTruncatedLiteralIsNoMessage() {
        #expect(IMAPResponse.fetchedMessage(Self.bytes("* 1 FETCH (UID 1 BODY[] {100}\r\nshort")) == nil)
    }

    @Test func flagsByUID() {
        let response = Self.bytes("* 1 FETCH (UID 5 FLAGS (\\Seen \\Answered))\r\n* 2 FETCH (UID 6 FLAGS ())\r\nA1 OK\r\n")
        let flags = IMAPResponse.flags(response)
        #expect(flags[5] == ["\\Seen", "\\Answered"])
        #expect(flags[6] == [])
    }
}

struct MailServerURLTests {
    @Test func parsesHostPortAndMailbox() throws {
        let url = try MailServerURL("imaps://imap.gmail.com:993/INBOX", schemes: ["imaps", "imap"])
        #expect(url.host == "imap.gmail.com")
        #expect(url.port == 993)
        #expect(url.path == "INBOX")
        #expect(url.isImplicitTLS)
        #expect(url.serverURL == "imaps://imap.gmail.com:993/")
    }

    @Test(arguments: ["imap.gmail.com:993", "pop3://host/", "imaps://user@host/", "imaps://host:99999/"])
    func refusesWhatIsNotAMailServerURL(text: String) {
        #expect(throws: MailServerURL.Invalid.self) { try MailServerURL(text, schemes: ["imaps", "imap"]) }
    }
}

struct BackoffTests {
    @Test func growsExponentiallyWithinJitterAndIsCapped() {
        var backoff = Backoff(base: .seconds(5), cap: .seconds(60))
        #expect(backoff.nextDelay(random: 1) == .seconds(5))
        #expect(backoff.nextDelay(random: 1) == .seconds(10))
        #expect(backoff.nextDelay(random: 0) == .seconds(10))  // 20 s ceiling, lower half
        #expect(backoff.nextDelay(random: 1) == .seconds(40))
        #expect(backoff.nextDelay(random: 1) == .seconds(60))
        for _ in 0..<100 { _ = backoff.nextDelay(random: 1) }
        #expect(backoff.nextDelay(random: 1) == .seconds(60))
        backoff.reset()
        #expect(backoff.nextDelay(random: 1) == .seconds(5))
    }
}

struct ModifiedUTF7Tests {
    // Expected values from RFC 3501 §5.1.3 and Python's imaplib-compatible encoders.
    @Test(arguments: [
        ("INBOX", "INBOX"),
        ("Tom & Jerry", "Tom &- Jerry"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        ("Đã lưu", "&ARAA4w- l&AbA-u"),
    ])
    func encodes(name: String, expected: String) {
        #expect(ModifiedUTF7.encode(name) == expected)
    }
}
