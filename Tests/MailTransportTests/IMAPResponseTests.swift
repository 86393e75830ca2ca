import Foundation
import Testing

@testable import MailTransport

/// Parsing what libcurl hands over from a custom IMAP command: every response line,
/// literal included, after whatever the connection said before.
struct IMAPResponseTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func anExamineTellsWhatStatusWould() {
        var examined = IMAPResponse.Examined()
        for line in [
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)", "* OK [PERMANENTFLAGS ()] Read-only mailbox.",
            "* 3 EXISTS", "* 0 RECENT", "* OK [UIDVALIDITY 1614000000] UIDs valid", "* ok [uidnext 4] Predicted next UID",
        ] {
            examined.read(Self.bytes(line))
        }
        #expect(examined.messages == 3)
        #expect(examined.uidValidity == 1_614_000_000)
        #expect(examined.uidNext == 4)
    }

    @Test func aStatusAfterAnExamineWithoutUIDNextSuppliesIt() {
        var examined = IMAPResponse.Examined()
        examined.read(Self.bytes("* OK [UIDVALIDITY 7] UIDs valid"))
        #expect(examined.uidNext == nil)
        examined.read(Self.bytes("* STATUS \"Hộp thư (cũ)\" (UIDNEXT 12)"))
        #expect(examined.uidNext == 12)
        #expect(examined.uidValidity == 7)
    }

    @Test func searchLinesListTheirUIDs() {
        #expect(IMAPResponse.searched(Self.bytes("* SEARCH 9 4 5")) == [9, 4, 5])
        #expect(IMAPResponse.searched(Self.bytes("* search 12")) == [12])
        #expect(IMAPResponse.searched(Self.bytes("* SEARCH")) == [])
        #expect(IMAPResponse.searched(Self.bytes("* SEARCHRES 4")) == [])
        #expect(IMAPResponse.searched(Self.bytes("* 4 EXISTS")) == [])
    }

    @Test func numbersAfterAKeyAreFoundInAnyCase() {
        #expect(IMAPResponse.number(after: "UID ", in: "* 1 FETCH (uid 42 BODY[] {3}") == 42)
        #expect(IMAPResponse.number(after: "UID ", in: Self.bytes("* 1 FETCH (FLAGS () UID 7)")) == 7)
        #expect(IMAPResponse.number(after: "UID ", in: "* 1 FETCH (UID x)") == nil)
        #expect(IMAPResponse.number(after: "UID ", in: "* 1 FETCH (UID 99999999999)") == nil)
        #expect(IMAPResponse.number(after: "UID ", in: "UI") == nil)
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
