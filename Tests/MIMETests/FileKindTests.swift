import PDFStructure
import Testing

@testable import MIME

/// Judging a file by its bytes: a stamped scan versus everything that is not one.
@Suite struct FileKindTests {
    @Test func scannedPDFHasAPageImage() throws {
        #expect(FileKind.detect(Fixture.scanPDF) == .scanPDF)
        let document = try PDFDocument(bytes: Fixture.scanPDF)
        #expect(document.pageCount == 1)
        #expect(document.page(0).pageImage?.width == 210)
        #expect(!document.page(0).hasFonts)
    }

    @Test func textPDFHasAFontAndNoImage() throws {
        #expect(FileKind.detect(Fixture.textPDF) == .textPDF)
        #expect(try PDFDocument(bytes: Fixture.textPDF).page(0).hasFonts)
    }

    /// qpdf reads the structure, so a page counts only when the page tree holds it: the
    /// words "/Type /Page" in a stream or a comment count for nothing.
    @Test func pdfWithoutAPageTreeIsNotADocument() {
        let loose = Array("%PDF-1.7\n3 0 obj<</Type/Page/Resources<</XObject<</I 4 0 R>>>>>>endobj 4 0 obj<</Subtype/Image>>endobj".utf8)
        #expect(FileKind.detect(loose) == .other)
        #expect(FileKind.detect(Array("%PDF-1.4\n%%EOF".utf8)) == .other, "a header and nothing else")
    }

    @Test func pdfWithJunkBeforeHeaderIsStillAPDF() {
        let bytes = Array("\r\n\u{0}junk".utf8) + Fixture.scanPDF
        #expect(FileKind.detect(bytes) == .scanPDF)
    }

    @Test func imageMagic() {
        #expect(FileKind.detect(Fixture.jpeg(size: 100)) == .image)
        #expect(FileKind.detect(Fixture.png) == .image)
        #expect(FileKind.detect(Array("GIF89a".utf8) + [0, 0, 0]) == .image)
        #expect(FileKind.detect([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]) == .image, "little-endian TIFF from a scanner")
        #expect(FileKind.detect([0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0]) == .image, "iPhone HEIC")
        #expect(FileKind.detect([0xFF, 0xD8]) == .other, "too short to be a JPEG")
    }

    @Test func zipWithWordDocumentIsOffice() {
        #expect(FileKind.detect(Fixture.zip(entry: "word/document.xml", content: "<w:document/>")) == .office)
        #expect(FileKind.detect(Fixture.zip(entry: "[Content_Types].xml")) == .office)
        #expect(FileKind.detect(Fixture.zip(entry: "xl/workbook.xml")) == .office)
    }

    @Test func plainZipIsArchive() {
        #expect(FileKind.detect(Fixture.zip(entry: "scan/trang1.jpg", content: "....")) == .archive)
        #expect(FileKind.detect(Array("Rar!".utf8) + [0x1A, 0x07, 0]) == .archive)
        #expect(FileKind.detect([0x1F, 0x8B, 8, 0]) == .archive)
    }

    @Test func legacyOfficeAndUnknownBytes() {
        #expect(FileKind.detect([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]) == .office)
        #expect(FileKind.detect(Array("Kế hoạch".utf8)) == .other)
        #expect(FileKind.detect([]) == .other)
    }

    @Test func attachmentComputesKindAndDigestFromItsBytes() {
        let attachment = Attachment(filename: "image.jpg", contentType: "image/jpeg", data: Fixture.scanPDF, isInline: false)
        #expect(attachment.kind == .scanPDF, "judged by bytes, not by the name or type")
        #expect(attachment.size == Fixture.scanPDF.count)
        #expect(attachment.sha256 == SHA256Hasher.hex(of: Fixture.scanPDF))
    }
}
