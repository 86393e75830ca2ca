import Foundation
import MIME
import Testing

@testable import MIME

/// Inputs at the sizes the issue names: they must parse completely and correctly.
/// (Their speed is measured in `make bench`, not asserted here.)
struct LimitsTests {
    @Test func aThousandPartsAreAllFound() {
        var text = "Subject: many\nContent-Type: multipart/mixed; boundary=b\n\n"
        for index in 1...1000 {
            text +=
                "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"p\(index).bin\"\n\npart \(index)\n"
        }
        text += "--b--\n"
        let parsed = MailMessage.parse(Array(text.utf8))
        #expect(parsed.attachments.count == 1000)
        #expect(parsed.attachments.first?.filename == "p1.bin")
        #expect(parsed.attachments.last?.filename == "p1000.bin")
        #expect(parsed.attachments.last?.data == Array("part 1000".utf8))
    }

    @Test func nestingBeyondTheLimitIsRefusedWithADefectAndShallowerPartsSurvive() {
        let depth = 120
        var text = "Subject: deep\nContent-Type: multipart/mixed; boundary=b0\n\n"
        text += "--b0\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=top.pdf\n\n%PDF-1.4 top\n"
        for level in 1..<depth {
            text += "--b\(level - 1)\nContent-Type: multipart/mixed; boundary=b\(level)\n\n"
        }
        for level in stride(from: depth - 1, through: 0, by: -1) { text += "--b\(level)--\n" }
        let parsed = MailMessage.parse(Array(text.utf8), parser: MIMEParser(maxDepth: 40))
        #expect(parsed.attachments.map(\.filename) == ["top.pdf"])
        #expect(parsed.defects.contains { $0.contains("deeper than 40") })
    }

    @Test func aFiftyMegabyteAttachmentDecodesWhole() {
        var payload = [UInt8](repeating: 0, count: 50 * 1024 * 1024)
        for index in stride(from: 0, to: payload.count, by: 4096) { payload[index] = UInt8(truncatingIfNeeded: index >> 12) }
        let message =
            Array(
                """
                Subject: big\r
                Content-Type: multipart/mixed; boundary=b\r
                \r
                --b\r
                Content-Type: application/octet-stream\r
                Content-Disposition: attachment; filename=big.bin\r
                Content-Transfer-Encoding: base64\r
                \r

                """.utf8) + Array(Data(payload).base64EncodedString(options: .lineLength76Characters).utf8) + Array("\r\n--b--\r\n".utf8)
        let parsed = MailMessage.parse(message)
        #expect(parsed.attachments.count == 1)
        #expect(parsed.attachments.first?.size == payload.count)
        #expect(parsed.attachments.first?.sha256 == SHA256Hasher.hex(of: payload))
    }
}

/// Multipart bodies whose boundary parameter is wrong or missing.
struct BoundaryRecoveryTests {
    static func message(contentType: String) -> [UInt8] {
        Fixture.crlf(
            """
            Subject: x
            Content-Type: \(contentType)

            --real-boundary
            Content-Type: text/plain

            Kính gửi.
            --real-boundary
            Content-Type: application/pdf
            Content-Disposition: attachment; filename=kh.pdf
            Content-Transfer-Encoding: base64

            \(Fixture.base64(Fixture.scanPDF))
            --real-boundary--
            """)
    }

    @Test(arguments: ["multipart/mixed; boundary=\"wrong\"", "multipart/mixed"])
    func theBoundaryUsedInTheBodyIsFound(contentType: String) {
        let parsed = MailMessage.parse(Self.message(contentType: contentType))
        #expect(parsed.attachments.map(\.filename) == ["kh.pdf"])
        #expect(parsed.attachments.first?.kind == .scanPDF)
        #expect(parsed.bodyText.contains("Kính gửi"))
        #expect(parsed.defects.contains { $0.contains("real-boundary") })
    }
}
