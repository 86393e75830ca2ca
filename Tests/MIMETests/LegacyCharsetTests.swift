import Foundation
import Testing

@testable import MIME

/// Legacy charsets decoded through iconv, as they appear in filenames from old clients.
struct LegacyCharsetTests {
    @Test(
        arguments: [
            ("koi8-r", [240, 204, 193, 206, 46, 112, 100, 102], "План.pdf"),
            ("gb2312", [188, 198, 187, 174, 202, 233, 46, 112, 100, 102], "计划书.pdf"),
            ("GB18030", [188, 198, 187, 174, 202, 233, 46, 112, 100, 102], "计划书.pdf"),
            ("big5", [173, 112, 185, 186, 174, 209, 46, 112, 100, 102], "計劃書.pdf"),
            ("Shift_JIS", [140, 118, 137, 230, 143, 145, 46, 112, 100, 102], "計画書.pdf"),
            ("iso-2022-jp", [27, 36, 66, 55, 87, 50, 104, 61, 113, 27, 40, 66, 46, 112, 100, 102], "計画書.pdf"),
            ("iso-8859-2", [163, 243, 100, 188, 46, 112, 100, 102], "Łódź.pdf"),
        ] as [(String, [UInt8], String)])
    func decodesLegacyCharset(charset: String, bytes: [UInt8], expected: String) {
        let decoded = Charset.decode(bytes, charset: charset)
        #expect(decoded.text == expected)
        #expect(decoded.isExact)
    }

    @Test func anRFC2231NameInKOI8RIsDecoded() {
        let message = Fixture.crlf(
            """
            Subject: x
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; filename*=koi8-r''%F0%CC%C1%CE.pdf
            Content-Transfer-Encoding: base64

            \(Fixture.base64(Fixture.scanPDF))
            --b--
            """)
        #expect(MailMessage.parse(message).attachments.map(\.filename) == ["План.pdf"])
    }

    @Test func bytesThatDoNotFitTheCharsetBecomeReplacementCharactersNotAnEmptyName() {
        // 0x80 is not a valid lead byte in Shift_JIS's single-byte range here.
        let decoded = Charset.decode([0x61, 0x80, 0xA0, 0x62], charset: "shift_jis")
        #expect(decoded.text.hasPrefix("a"))
        #expect(decoded.text.hasSuffix("b"))
        #expect(!decoded.isExact)
    }

    @Test func anUnknownCharsetLabelFallsBackToUTF8WhenTheBytesAreUTF8() {
        let decoded = Charset.decode(Array("Kế hoạch".utf8), charset: "x-unknown-charset")
        #expect(decoded.text == "Kế hoạch")
        #expect(!decoded.isExact)
    }
}
