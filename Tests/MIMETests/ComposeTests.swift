import Foundation
import Testing

@testable import MIME

/// Outgoing reminders and acknowledgements: safe headers and a round trip through the parser.
@Suite struct ComposeTests {
    private static func message(subject: String, body: String, html: String? = nil) throws -> OutgoingMessage {
        OutgoingMessage(
            from: MailAddress(displayName: "Phòng GDĐT quận Ba Đình", address: "thidua.gdbd@gmail.com"),
            to: [MailAddress(displayName: "Trường TH Nguyễn Trãi", address: "th.nguyentrai@hanoiedu.vn")],
            subject: subject, textBody: body, htmlBody: html,
            date: try #require(ISO8601DateFormatter().date(from: "2021-02-18T01:00:00Z")),
            timeZone: try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh")),
            messageID: "<thidua.test@gdbd>")
    }

    private static func normalisedBody(_ text: String) -> String {
        var body = text.replacingOccurrences(of: "\r\n", with: "\n")
        while body.hasSuffix("\n") { body.removeLast() }
        return body
    }

    @Test func subjectWithLineBreakIsRefused() throws {
        for injected in ["Nhắc nộp\r\nBcc: all@example.com", "Reminder\nBcc: all@example.com", "Reminder\rX: y"] {
            let outgoing = try Self.message(subject: injected, body: "x")
            #expect(throws: OutgoingMessage.RenderError.self, "\(injected.debugDescription)") { try outgoing.render() }
        }
    }

    @Test func otherHeaderValuesWithLineBreaksAreRefused() throws {
        var reply = try Self.message(subject: "ok", body: "x")
        reply.inReplyTo = "<a@b>\r\nBcc: all@example.com"
        #expect(throws: OutgoingMessage.RenderError.self) { try reply.render() }

        var recipient = try Self.message(subject: "ok", body: "x")
        recipient.to = [MailAddress(address: "a@b.vn\r\nBcc:all@example.com")]
        #expect(throws: OutgoingMessage.RenderError.self) { try recipient.render() }

        var named = try Self.message(subject: "ok", body: "x")
        named.to = [MailAddress(displayName: "Trường\r\nBcc: x@y", address: "a@b.vn")]
        #expect(throws: OutgoingMessage.RenderError.self) { try named.render() }
    }

    @Test func renderedMessageRoundTripsThroughTheParser() throws {
        let subject = "Nhắc nộp Kế hoạch thi đua khen thưởng năm 2021 — còn 3 ngày đến hạn nộp (Trường Tiểu học Nguyễn Trãi)"
        let body = """
            Kính gửi Trường Tiểu học Nguyễn Trãi,

            Phòng GDĐT chưa nhận được bản scan có dấu đỏ của Kế hoạch thi đua khen thưởng năm 2021. Hạn nộp: 21/02/2021 23:59.
            Dòng có dấu = và khoảng trắng ở cuối \u{20}\u{20}
            Trân trọng.
            """
        let outgoing = try Self.message(subject: subject, body: body)
        let rendered = try outgoing.render()
        let wire = String(decoding: rendered, as: UTF8.self)

        // Pure ASCII on the wire, CRLF line ends, no over-long lines.
        #expect(rendered.allSatisfy { $0 < 128 })
        let lines = wire.components(separatedBy: "\r\n")
        #expect(!wire.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        let bodyLines = lines.drop { !$0.isEmpty }
        #expect(bodyLines.allSatisfy { $0.utf8.count <= 76 }, "quoted-printable lines stay within 76 characters")
        #expect(wire.contains("Subject: =?UTF-8?B?"))
        #expect(wire.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(wire.contains("Auto-Submitted: auto-generated"))

        let parsed = MailMessage.parse(rendered)
        #expect(parsed.subject == subject)
        #expect(Self.normalisedBody(parsed.bodyText) == body)
        #expect(parsed.from?.address == "thidua.gdbd@gmail.com")
        #expect(parsed.from?.displayName == "Phòng GDĐT quận Ba Đình")
        #expect(parsed.messageID == "<thidua.test@gdbd>")
        #expect(parsed.autoSubmitted == "auto-generated")
        #expect(parsed.date == ISO8601DateFormatter().date(from: "2021-02-18T01:00:00Z"))
        #expect(parsed.attachments.isEmpty)
    }

    @Test func asciiSubjectIsWrittenAsIs() throws {
        let wire = String(decoding: try Self.message(subject: "Re: KH TDKT 2021", body: "ok").render(), as: UTF8.self)
        #expect(wire.contains("\r\nSubject: Re: KH TDKT 2021\r\n"))
    }

    @Test func htmlAlternativeRoundTrips() throws {
        let outgoing = try Self.message(subject: "Xác nhận đã nhận", body: "Đã nhận bản scan.", html: "<p>Đã nhận <b>bản scan</b>.</p>")
        let parsed = MailMessage.parse(try outgoing.render())
        #expect(parsed.subject == "Xác nhận đã nhận")
        #expect(Self.normalisedBody(parsed.bodyText) == "Đã nhận bản scan.")
        #expect(parsed.defects.isEmpty)
        #expect(parsed.attachments.isEmpty, "the HTML alternative is body, not a file")
    }

    @Test func quotedPrintableEncoderEscapesEqualsAndTrailingSpace() {
        let encoded = QuotedPrintableEncoder.encode("a=b \nc\t")
        #expect(encoded == "a=3Db=20\r\nc=09")
        #expect(String(decoding: QuotedPrintable.decode(Array(encoded.utf8)), as: UTF8.self) == "a=b \r\nc\t")
    }
}

struct TextToHTMLTests {
    @Test func paragraphsAndLinesAreKeptAndNothingIsUnescaped() {
        let html = TextToHTML.render("Kính gửi: Trường <A> & B,\n\nDòng 1\nDòng 2\n\nTrân trọng,")
        #expect(html.contains("<p>Kính gửi: Trường &lt;A&gt; &amp; B,</p>"))
        #expect(html.contains("<p>Dòng 1<br>\nDòng 2</p>"))
        #expect(html.contains("<p>Trân trọng,</p>"))
        #expect(!html.contains("<A>"))
    }

    @Test func aReminderWithBothPartsRoundTrips() throws {
        var message = OutgoingMessage(
            from: MailAddress(address: "thidua@pgd.example"), to: [MailAddress(address: "a@schools.example")],
            subject: "Nhắc nộp", textBody: "Kính gửi,\n\nĐề nghị gửi.", date: Date(timeIntervalSince1970: 0),
            timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!, messageID: "<x@pgd.example>")
        message.htmlBody = TextToHTML.render(message.textBody)
        let parsed = MailMessage.parse(try message.render())
        #expect(parsed.bodyText.contains("Đề nghị gửi."))
        #expect(parsed.attachments.isEmpty)
    }
}
