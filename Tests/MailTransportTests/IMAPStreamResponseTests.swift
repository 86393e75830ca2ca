import Testing

@testable import MailTransport

/// The lines thidua reads itself on the fetching connection: which one announces the
/// message literal, and which one ends a command.
struct IMAPStreamResponseTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func theMessageLiteralIsAnnouncedByItsFetchLine() {
        #expect(
            IMAPResponse.fetchLiteral(Self.bytes("* 3 FETCH (UID 7 INTERNALDATE \"18-Feb-2021 09:12:00 +0700\" BODY[] {1048576}"))
                == 1_048_576)
        #expect(IMAPResponse.fetchLiteral(Self.bytes("* 3 fetch (uid 7 body[] {12}")) == 12)
    }

    @Test func otherLinesAnnounceNoMessage() {
        #expect(IMAPResponse.fetchLiteral(Self.bytes("* 3 FETCH (FLAGS (\\Seen))")) == nil)
        #expect(IMAPResponse.fetchLiteral(Self.bytes("* 4 EXISTS")) == nil)
        #expect(IMAPResponse.fetchLiteral(Self.bytes("* 3 FETCH (UID 7 BODY[HEADER] {40}")) == nil)
        #expect(IMAPResponse.fetchLiteral(Self.bytes("T4 OK Fetch completed {2}")) == nil)
    }

    @Test func onlyTheCommandsOwnTagEndsIt() throws {
        #expect(IMAPResponse.completion(of: Self.bytes("T12 OK done"), tag: "T1") == nil)
        #expect(IMAPResponse.completion(of: Self.bytes("* OK [UIDVALIDITY 5] UIDs valid"), tag: "T1") == nil)
        #expect(throws: Never.self) { try IMAPResponse.completion(of: Self.bytes("T1 OK Examine completed"), tag: "T1")?.get() }
        let refused = try #require(IMAPResponse.completion(of: Self.bytes("T1 NO [NONEXISTENT] Mailbox doesn't exist"), tag: "T1"))
        #expect(throws: IMAPProtocolError(.refused, "the server refused: NO [NONEXISTENT] Mailbox doesn't exist")) { try refused.get() }
    }
}
