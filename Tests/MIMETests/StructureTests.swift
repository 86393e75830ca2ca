import Foundation
import MIME
import Testing

@testable import MIME

/// The shape of messages: multipart boundaries, forwards, nesting, and which leaves are files.
@Suite struct StructureTests {
    private static func pdfPart(_ filename: String, _ pdf: [UInt8] = Fixture.scanPDF) -> String {
        """
        Content-Type: application/pdf; name="\(filename)"
        Content-Disposition: attachment; filename="\(filename)"
        Content-Transfer-Encoding: base64

        \(Fixture.base64(pdf))
        """
    }

    @Test func boundaryThatIsAPrefixOfAnotherDoesNotSplitIt() throws {
        for (outer, inner) in [("abc", "abcdef"), ("abcdef", "abc")] {
            let message = MailMessage.parse(
                Fixture.crlf(
                    """
                    From: th.nguyentrai@hanoiedu.vn
                    Subject: KH
                    MIME-Version: 1.0
                    Content-Type: multipart/mixed; boundary="\(outer)"

                    --\(outer)
                    Content-Type: multipart/alternative; boundary="\(inner)"

                    --\(inner)
                    Content-Type: text/plain; charset=utf-8

                    Kính gửi Phòng GDĐT
                    --\(inner)
                    Content-Type: text/html; charset=utf-8

                    <p>Kính gửi Phòng GDĐT</p>
                    --\(inner)--
                    --\(outer)
                    \(Self.pdfPart("KH.pdf"))
                    --\(outer)--
                    """))
            let root = MIMEParser().parse(
                Fixture.crlf(
                    "Content-Type: multipart/mixed; boundary=\"\(outer)\"\n\n--\(outer)\nContent-Type: multipart/alternative; boundary=\"\(inner)\"\n\n--\(inner)\n\nA\n--\(inner)\n\nB\n--\(inner)--\n--\(outer)\n\nC\n--\(outer)--\n"
                ))
            #expect(root.children.count == 2, "outer \(outer)")
            #expect(root.children.first?.children.count == 2, "inner \(inner)")
            #expect(message.bodyText == "Kính gửi Phòng GDĐT", "outer \(outer)")
            #expect(message.attachments.count == 1)
            let attachment = try #require(message.attachments.first)
            #expect(attachment.filename == "KH.pdf")
            #expect(attachment.data == Fixture.scanPDF)
            #expect(message.defects.isEmpty, "\(message.defects)")
        }
    }

    @Test func boundaryWithTrailingWhitespaceAndPreambleEpilogue() {
        let root = MIMEParser().parse(
            Fixture.crlf(
                """
                Content-Type: multipart/mixed; boundary=zz

                This is a multi-part message in MIME format.
                --zz \t
                Content-Type: text/plain

                one
                --zzz
                still one
                --zz--
                epilogue
                """))
        #expect(root.children.count == 1)
        #expect(String(decoding: root.children.first?.body ?? [], as: UTF8.self) == "one\r\n--zzz\r\nstill one")
    }

    @Test func missingClosingBoundaryStillFindsThePartAndRecordsADefect() throws {
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                Subject: KH
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain

                Gửi kế hoạch
                --b1
                \(Self.pdfPart("KH.pdf"))
                """))
        let attachment = try #require(message.attachments.first)
        #expect(attachment.filename == "KH.pdf")
        #expect(attachment.data == Fixture.scanPDF)
        #expect(message.bodyText == "Gửi kế hoạch")
        #expect(message.defects.contains { $0.contains("closing boundary") })
    }

    @Test func multipartWithoutBoundaryIsADefectNotACrash() {
        let message = MailMessage.parse(Fixture.crlf("Content-Type: multipart/mixed\n\n--x\n\nhello\n--x--\n"))
        #expect(message.defects.contains { $0.contains("boundary") })
        #expect(message.attachments.isEmpty)
    }

    @Test func lfOnlyLineEndings() throws {
        let text = """
            From: "TH Nguyễn Trãi" <th.nguyentrai@hanoiedu.vn>
            Subject: =?UTF-8?Q?K=E1=BA=BF_ho=E1=BA=A1ch?=
            Content-Type: multipart/mixed;
            \tboundary="lf"

            --lf
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            G=E1=BB=ADi k=E1=BA=BF ho=
            =E1=BA=A1ch
            --lf
            \(Self.pdfPart("KH.pdf"))
            --lf--
            """
        #expect(!text.contains("\r"))
        let message = MailMessage.parse(Array(text.utf8))
        #expect(message.subject == "Kế hoạch")
        #expect(message.from?.address == "th.nguyentrai@hanoiedu.vn")
        #expect(message.bodyText == "Gửi kế hoạch")
        let attachment = try #require(message.attachments.first)
        #expect(attachment.data == Fixture.scanPDF)
        #expect(attachment.kind == .scanPDF)
        #expect(message.defects.isEmpty)
    }

    private static let forwardedMessage = """
        From: "TH Nguyễn Trãi" <th.nguyentrai@hanoiedu.vn>
        Subject: =?UTF-8?Q?K=E1=BA=BF_ho=E1=BA=A1ch?=
        Content-Type: multipart/mixed; boundary="inner"

        --inner
        Content-Type: text/plain

        Ban goc
        --inner
        \(pdfPart("KH_TH_Nguyen_Trai.pdf"))
        --inner--
        """

    @Test func forwardedMessageAttachmentIsFound() throws {
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                From: hieutruong@gmail.com
                Subject: Fwd: Kế hoạch
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain; charset=utf-8

                Chuyển tiếp thư của trường
                --outer
                Content-Type: message/rfc822
                Content-Disposition: attachment; filename="forwarded.eml"

                \(Self.forwardedMessage)
                --outer--
                """))
        #expect(message.bodyText == "Chuyển tiếp thư của trường")
        #expect(message.attachments.count == 1)
        let attachment = try #require(message.attachments.first)
        #expect(attachment.filename == "KH_TH_Nguyen_Trai.pdf")
        #expect(attachment.data == Fixture.scanPDF)
        let root = MIMEParser().parse(Fixture.crlf("Content-Type: message/rfc822\n\n" + Self.forwardedMessage))
        #expect(root.isEncapsulatedMessage)
        #expect(root.children.first?.headers.text("Subject") == "Kế hoạch")
    }

    @Test func base64EncodedForwardedMessageAttachmentIsFound() throws {
        let encoded = Base64.encode(Fixture.crlf(Self.forwardedMessage)).replacingOccurrences(of: "\r\n", with: "\n")
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                From: hieutruong@gmail.com
                Subject: Fwd: Kế hoạch
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: text/plain

                fwd
                --outer
                Content-Type: message/rfc822
                Content-Transfer-Encoding: base64

                \(encoded)
                --outer--
                """))
        let attachment = try #require(message.attachments.first)
        #expect(message.attachments.count == 1)
        #expect(attachment.filename == "KH_TH_Nguyen_Trai.pdf")
        #expect(attachment.data == Fixture.scanPDF)
    }

    @Test func deepNestingDoesNotCrashAndIsRecorded() {
        let depth = 200
        var text = "Content-Type: text/plain\n\nbottom"
        for level in (0..<depth).reversed() {
            text = "Content-Type: multipart/mixed; boundary=\"b\(level)\"\n\n--b\(level)\n\(text)\n--b\(level)--"
        }
        let message = MailMessage.parse(Fixture.crlf("Subject: deep\n" + text))
        #expect(message.subject == "deep")
        #expect(message.defects.contains { $0.contains("nesting") })
        #expect(message.attachments.isEmpty, "an unparsed container is not a file")

        // Within the limit, the same construction is read to the bottom.
        var shallow = "Content-Type: text/plain\n\nbottom"
        for level in (0..<10).reversed() {
            shallow = "Content-Type: multipart/mixed; boundary=\"b\(level)\"\n\n--b\(level)\n\(shallow)\n--b\(level)--"
        }
        let readable = MailMessage.parse(Fixture.crlf(shallow))
        #expect(readable.bodyText == "bottom")
        #expect(readable.defects.isEmpty)
    }

    @Test func deeplyNestedForwardsDoNotCrash() {
        var text = "Subject: bottom\n\nx"
        for _ in 0..<200 { text = "Content-Type: message/rfc822\n\n" + text }
        let message = MailMessage.parse(Fixture.crlf(text))
        #expect(message.defects.contains { $0.contains("nesting") })
    }

    @Test func uuencodedAttachmentInTextBody() throws {
        let payload = Fixture.scanPDF
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                Subject: scan
                Content-Type: text/plain

                Gui kem ban scan.
                \(Fixture.uuencode(payload, name: "KH TD.pdf"))
                Tran trong.
                """))
        let attachment = try #require(message.attachments.first)
        #expect(message.attachments.count == 1)
        #expect(attachment.filename == "KH TD.pdf")
        #expect(attachment.data == payload)
        #expect(attachment.kind == .scanPDF)
    }

    @Test func smallInlineImageWithContentIDIsALogoButInlinePDFIsAFile() throws {
        let bigPhoto = Fixture.jpeg(size: 60 * 1024)
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                Subject: KH
                Content-Type: multipart/related; boundary="rel"

                --rel
                Content-Type: text/html; charset=utf-8

                <p>Kính gửi</p><img src="cid:logo@x">
                --rel
                Content-Type: image/png; name="logo.png"
                Content-Disposition: inline; filename="logo.png"
                Content-ID: <logo@x>
                Content-Transfer-Encoding: base64

                \(Fixture.base64(Fixture.png))
                --rel
                Content-Type: image/png
                Content-ID: <spacer@x>
                Content-Transfer-Encoding: base64

                \(Fixture.base64(Fixture.png))
                --rel
                Content-Type: application/pdf; name="scan.pdf"
                Content-Disposition: inline; filename="scan.pdf"
                Content-Transfer-Encoding: base64

                \(Fixture.base64(Fixture.scanPDF))
                --rel
                Content-Type: image/jpeg; name="IMG_0001.jpg"
                Content-Disposition: inline; filename="IMG_0001.jpg"
                Content-ID: <photo@x>
                Content-Transfer-Encoding: base64

                \(Base64.encode(bigPhoto).replacingOccurrences(of: "\r\n", with: "\n"))
                --rel--
                """))
        #expect(message.attachments.map(\.filename) == ["scan.pdf", "IMG_0001.jpg"])
        let pdf = try #require(message.attachments.first)
        #expect(pdf.isInline)
        #expect(pdf.kind == .scanPDF)
        #expect(message.attachments.last?.data == bigPhoto)
        #expect(message.bodyText.contains("Kính gửi"))
        #expect(!message.bodyText.contains("<p>"))
    }

    @Test func smallImageAttachedExplicitlyIsKept() {
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: image/png; name="trang1.png"
                Content-Disposition: attachment; filename="trang1.png"
                Content-Transfer-Encoding: base64

                \(Fixture.base64(Fixture.png))
                --m--
                """))
        #expect(message.attachments.map(\.filename) == ["trang1.png"])
        #expect(message.attachments.first?.kind == .image)
    }

    @Test func partWithoutNameGetsAFallbackName() {
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: application/pdf
                Content-Transfer-Encoding: base64

                \(Fixture.base64(Fixture.scanPDF))
                --m--
                """))
        #expect(message.attachments.map(\.filename) == ["tep-dinh-kem-1.pdf"])
    }

    @Test func googleDriveLinkInBodyIsReported() {
        let link = "https://drive.google.com/file/d/1AbCdEf/view?usp=sharing"
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                Subject: KH TH Nguyen Trai
                Content-Type: text/plain; charset=utf-8

                Trường gửi kế hoạch qua đường link: \(link)
                Link khác: https://example.com/page
                """))
        #expect(message.attachments.isEmpty)
        #expect(message.links == [link])
    }

    @Test func driveLinkInHTMLHrefIsReported() {
        let link = "https://docs.google.com/document/d/xyz/edit"
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                Content-Type: text/html

                <a href="\(link)">Kế hoạch</a>
                """))
        #expect(message.links == [link])
    }

    @Test func headerFieldsAndMessageIDs() {
        let message = MailMessage.parse(
            Fixture.crlf(
                """
                From mbox-line Thu Feb 18 09:12:00 2021
                Message-ID:
                 <abc@mail.gmail.com>
                In-Reply-To: <x@y>
                References: <a@b> <x@y>
                Auto-Submitted: Auto-Replied
                Date: Thu, 18 Feb 2021 09:12:00 +0700
                Subject: Re:
                \t=?UTF-8?Q?K=E1=BA=BF_ho=E1=BA=A1ch?=

                x
                """))
        #expect(message.messageID == "<abc@mail.gmail.com>")
        #expect(message.inReplyTo == "<x@y>")
        #expect(message.references == ["<a@b>", "<x@y>"])
        #expect(message.autoSubmitted == "auto-replied")
        #expect(message.subject == "Re: Kế hoạch")
        #expect(message.date != nil)
    }
}
