import Foundation
import MIME
import Store
import Testing

@testable import Dashboard

struct AttachmentDeliveryTests {
    @Test func pdfsAndCommonImagesOpenInline() {
        #expect(
            AttachmentDelivery.decide(kind: .scanPDF, head: Array("%PDF-1.7\n".utf8))
                == .init(contentType: "application/pdf", inline: true))
        #expect(AttachmentDelivery.decide(kind: .image, head: [0xFF, 0xD8, 0xFF, 0xE0]) == .init(contentType: "image/jpeg", inline: true))
        #expect(
            AttachmentDelivery.decide(kind: .image, head: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).contentType == "image/png")
    }

    /// The sender's label counts for nothing: HTML named .pdf, an SVG, a TIFF all download.
    @Test func anythingElseDownloadsAsBytes() {
        let html = Array("<html><script>alert(1)</script>".utf8)
        #expect(AttachmentDelivery.decide(kind: .scanPDF, head: html) == .init(contentType: "application/octet-stream", inline: false))
        #expect(AttachmentDelivery.decide(kind: .other, head: html).inline == false)
        #expect(AttachmentDelivery.decide(kind: .image, head: Array("<svg xmlns=".utf8)).inline == false)
        #expect(AttachmentDelivery.decide(kind: .image, head: [0x49, 0x49, 0x2A, 0x00]).inline == false)
        #expect(AttachmentDelivery.decide(kind: .office, head: [0x50, 0x4B, 0x03, 0x04]).contentType == "application/octet-stream")
    }

    @Test func theFilenameReachesTheBrowserExactlyAndSafely() {
        let header = AttachmentDelivery.contentDisposition(inline: false, filename: "Kế hoạch \"thi đua\".pdf")
        #expect(
            header
                == "attachment; filename=\"Ke hoach _thi dua_.pdf\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%22thi%20%C4%91ua%22.pdf"
        )
        #expect(!AttachmentDelivery.contentDisposition(inline: true, filename: "a\r\nSet-Cookie: x").contains("\r"))
    }

    @Test func thePolicySandboxesEveryAttachment() {
        #expect(AttachmentDelivery.policy.hasPrefix("sandbox;"))
        #expect(AttachmentDelivery.policy.contains("default-src 'none'"))
    }
}

struct FormatTests {
    let deadline = Date(timeIntervalSince1970: 1_613_926_740)

    @Test func countdownsReadNaturally() {
        #expect(Format.countdown(to: deadline, from: deadline.addingTimeInterval(-(2 * 86_400 + 5 * 3600))) == ("còn 2 ngày 5 giờ", false))
        #expect(Format.countdown(to: deadline, from: deadline.addingTimeInterval(-40 * 60)) == ("còn 40 phút", false))
        #expect(Format.countdown(to: deadline, from: deadline.addingTimeInterval(3 * 86_400)) == ("đã quá hạn 3 ngày", true))
        #expect(Format.countdown(to: deadline, from: deadline.addingTimeInterval(-10 * 86_400)).text == "còn 10 ngày")
    }

    @Test func sizesUseADecimalComma() {
        #expect(Format.size(512) == "512 B")
        #expect(Format.size(2048) == "2 KB")
        #expect(Format.size(3_250_586) == "3,1 MB")
    }
}

struct FormDataTests {
    @Test func decodesFormEncoding() {
        let form = FormData("user=c%C3%A1n+b%E1%BB%99&reason=thi%E1%BA%BFu+d%E1%BA%A5u%0D%0Ab&empty=&flag")
        #expect(form["user"] == "cán bộ")
        #expect(form["reason"] == "thiếu dấu\r\nb")
        #expect(form["empty"] == "")
        #expect(form.value("empty") == nil)
        #expect(form["flag"] == "")
        #expect(form["missing"] == nil)
    }

    @Test func encodesOnlyUnreservedCharacters() {
        #expect(FormData.percentEncode("/campaigns/a b?x=đ") == "%2Fcampaigns%2Fa%20b%3Fx%3D%C4%91")
        #expect(FormData.queryString([]) == "")
        #expect(FormData.queryString([("q", "Thăng Long"), ("sort", "name")]) == "?q=Th%C4%83ng%20Long&sort=name")
    }
}
