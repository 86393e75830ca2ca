import MIME
import TestSupport
import Testing

@testable import DocumentCheck

/// Over a limit, or with a file nobody can read, the verdict is `unreadable` with the
/// reason: never a crash, a stall or an unbounded allocation. Files the check does not
/// read get their own verdicts.
struct CheckLimitsTests {
    static let sealedPage: [UInt8] = {
        var page = Canvas(dpi: 100)
        page.seal(cx: 0.6, cy: 0.75, diameterCM: 4)
        return page.jpeg()
    }()
    static let twoPages = ScanSample.pdf(pages: [(ScanSample.jpeg, 210, 297), (sealedPage, 827, 1169)])

    func check(_ bytes: [UInt8], _ limits: CheckLimits = CheckLimits()) -> DocumentCheckResult {
        DocumentChecker(limits: limits).check(bytes, kind: FileKind.detect(bytes)).result
    }

    @Test func withinTheLimitsEveryPageIsLookedAt() {
        let result = check(Self.twoPages)
        #expect(result.verdict == .seal && result.pages == 2)
        #expect(result.dpi == 25, "the first page's resolution: 210 pixels across 8.27 inches")
    }

    @Test func tooManyPages() {
        let result = check(Self.twoPages, CheckLimits(pagesPerFile: 1))
        #expect(result.verdict == .unreadable && result.pages == 2)
        #expect(result.reason?.contains("2 pages, over the limit of 1") == true)
    }

    @Test func tooManyPixels() {
        let result = check(Self.sealedPage, CheckLimits(pixelsPerPage: 500_000))
        #expect(result.verdict == .unreadable)
        #expect(result.reason?.contains("over the limit of 500000") == true, "\(result.reason ?? "")")
        let pdf = check(Self.twoPages, CheckLimits(pixelsPerPage: 500_000))
        #expect(pdf.verdict == .unreadable && pdf.reason?.contains("page 2") == true, "\(pdf.reason ?? "")")
    }

    @Test func outOfTime() {
        let result = check(Self.twoPages, CheckLimits(secondsPerFile: 0))
        #expect(result.verdict == .unreadable && result.reason?.contains("ran out of its") == true)
    }

    @Test func brokenFilesAreUnreadableWithTheirReason() {
        let truncated = Array(Self.twoPages.prefix(Self.twoPages.count / 3))
        let result = check(truncated)
        #expect(result.verdict == .unreadable && result.reason != nil, "\(result)")
        let garbage = check(Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x41, count: 4000))
        #expect(garbage.verdict == .unreadable)
        let jpeg = check(Array(Self.sealedPage.prefix(200)))
        #expect(jpeg.verdict == .unreadable && jpeg.reason?.contains("JPEG") == true, "\(jpeg)")
    }

    @Test func filesTheCheckDoesNotReadSayWhy() {
        let docx: [UInt8] =
            [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 8, 0] + [UInt8](repeating: 0, count: 16)
            + [17, 0, 0, 0] + Array("word/document.xml".utf8)
        #expect(check(docx).verdict == .notAScan)
        let zip = check([0x1F, 0x8B, 8, 0, 0, 0])
        #expect(zip.verdict == .unchecked && zip.reason != nil)
        let gif = check(Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0])
        #expect(gif.verdict == .unchecked && gif.pages == 1)
    }
}
