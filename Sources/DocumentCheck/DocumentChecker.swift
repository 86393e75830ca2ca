import Foundation
import MIME
import PDFStructure

/// The check of one file, with its evidence: the page picture the officer is shown.
public struct CheckOutcome: Sendable {
    public var result: DocumentCheckResult
    /// A JPEG of the seal's page (or the first page), at most `thumbnailLongSide` pixels.
    public var thumbnail: [UInt8]?

    public init(result: DocumentCheckResult, thumbnail: [UInt8]? = nil) {
        self.result = result
        self.thumbnail = thumbnail
    }
}

/// Looks at a file the way the officer would: is it a scan, in colour, with the school's
/// red seal, and can it be read.
///
/// Every page of a scan is decoded at about 100 dpi (JPEG straight out of the PDF at
/// reduced scale; anything else rendered by `pdftoppm`), white-balanced, and searched for
/// the seal; photos (JPEG, PNG, HEIC) are one page. The check is pure apart from the
/// renderer's subprocess and its temporary file, and never throws: whatever goes wrong
/// is the verdict `unreadable`, with the reason.
public struct DocumentChecker: Sendable {
    public static let thumbnailLongSide = 640
    /// Scores at or over these make a mark a seal, or something a person should look at.
    public static let sealScore = 0.62
    public static let uncertainScore = 0.42

    public var limits: CheckLimits
    /// Reads the scan's header and signature block once the verdict is in; nil reads nothing.
    public var reader: (any DocumentTextReading)?

    public init(limits: CheckLimits = CheckLimits(), reader: (any DocumentTextReading)? = nil) {
        self.limits = limits
        self.reader = reader
    }

    public func check(_ bytes: [UInt8], kind: FileKind) -> CheckOutcome {
        let started = ContinuousClock.now
        if bytes.prefix(1024).firstRange(of: Array("%PDF-".utf8)) != nil {
            return checkPDF(bytes, started: started)
        }
        switch kind {
        case .office: return CheckOutcome(result: DocumentCheckResult(verdict: .notAScan))
        case .image: return checkImage(bytes, started: started)
        case .scanPDF, .textPDF, .archive, .other:
            return CheckOutcome(result: DocumentCheckResult(verdict: .unchecked, reason: "\(kind.rawValue) files are not checked"))
        }
    }

    // MARK: - PDF

    private func checkPDF(_ bytes: [UInt8], started: ContinuousClock.Instant) -> CheckOutcome {
        let document: PDFDocument
        do {
            document = try PDFDocument(bytes: bytes)
        } catch {
            return unreadable(error.description)
        }
        let pages = document.pageCount
        guard pages > 0 else { return unreadable("the PDF has no pages") }
        if document.hasSignatureField { return CheckOutcome(result: DocumentCheckResult(verdict: .signed, pages: pages)) }
        guard document.looksScanned else { return CheckOutcome(result: DocumentCheckResult(verdict: .notAScan, pages: pages)) }
        guard pages <= limits.pagesPerFile else {
            return unreadable("the PDF has \(pages) pages, over the limit of \(limits.pagesPerFile)", pages: pages)
        }
        let pageReader = PDFPageReader(document: document, bytes: bytes, limits: limits)
        var decoded: [Analysed] = []
        for index in 0..<pages {
            let left = limits.secondsPerFile - (ContinuousClock.now - started).seconds
            guard left > 0 else {
                return unreadable("the check ran out of its \(Int(limits.secondsPerFile)) s on page \(index + 1)", pages: pages)
            }
            do {
                let page = try pageReader.read(document.page(index), secondsLeft: left)
                decoded.append(Analysed(page: Self.thumbnailSized(page), analysis: PageAnalysis(page)))
                Self.keepPicturesOfFirstAndBest(&decoded)
            } catch {
                return unreadable("page \(index + 1): \(error.description)", pages: pages)
            }
        }
        var outcome = conclude(decoded, pages: pages, dpi: decoded.first?.page.dpi)
        if let reader {
            outcome.result.document = read(outcome.result, by: reader, started: started) { index, seconds throws(DecodeError) in
                try pageReader.read(document.page(index), secondsLeft: seconds, longSide: TextSize.longSide)
            }
        }
        return outcome
    }

    // MARK: - Photos and image files

    private func checkImage(_ bytes: [UInt8], started: ContinuousClock.Instant) -> CheckOutcome {
        do {
            guard let page = try ImageFileReader.read(bytes, limits: limits) else {
                return CheckOutcome(result: DocumentCheckResult(verdict: .unchecked, pages: 1, reason: "this image format is not checked"))
            }
            var outcome = conclude([Analysed(page: Self.thumbnailSized(page), analysis: PageAnalysis(page))], pages: 1, dpi: page.dpi)
            if let reader {
                outcome.result.document = read(outcome.result, by: reader, started: started) { _, _ throws(DecodeError) in
                    guard let page = try ImageFileReader.read(bytes, limits: limits, longSide: TextSize.longSide) else {
                        throw DecodeError("the image could not be read again")
                    }
                    return page
                }
            }
            return outcome
        } catch {
            return unreadable(error.description, pages: 1)
        }
    }

    // MARK: - Reading

    /// The first page and the seal's page again, at reading resolution, for the reader: only
    /// a scan is read, and only within the file's seconds. A page that cannot be decoded
    /// again leaves the verdict as it is, with nothing read.
    private func read(
        _ result: DocumentCheckResult, by reader: any DocumentTextReading, started: ContinuousClock.Instant,
        page: (_ index: Int, _ seconds: Double) throws(DecodeError) -> DecodedPage
    ) -> DocumentFacts? {
        guard result.verdict.isScan else { return nil }
        func left() -> Double { limits.secondsPerFile - (ContinuousClock.now - started).seconds }
        do {
            guard left() > 0 else { return nil }
            let first = try page(0, left())
            let firstText = TextPage(first.image, dpi: first.workingDPI)
            var sealed: TextPage? = result.seal == nil ? nil : firstText
            if let seal = result.seal, seal.page > 1, left() > 0 {
                let decoded = try page(seal.page - 1, left())
                sealed = TextPage(decoded.image, dpi: decoded.workingDPI)
            }
            guard left() > 0 else { return nil }
            return reader.read(first: firstText, sealed: sealed, sealBox: result.seal?.box, seconds: left())
        } catch {
            return nil
        }
    }

    // MARK: - The verdict

    /// A page looked at: its analysis, and its picture while it may become the thumbnail.
    struct Analysed {
        var page: DecodedPage
        var analysis: PageAnalysis
    }

    /// Only the first page's picture and the most seal-like page's are kept: a long scan
    /// costs the memory of two thumbnails, not one a page.
    private static func keepPicturesOfFirstAndBest(_ pages: inout [Analysed]) {
        let best = bestSeal(pages)?.index
        for index in pages.indices.dropFirst() where index != best && !pages[index].page.image.pixels.isEmpty {
            pages[index].page.image = RGBImage(width: 0, height: 0, pixels: [])
        }
    }

    private static func bestSeal(_ pages: [Analysed]) -> (index: Int, seal: (box: [Double], score: Double))? {
        pages.enumerated().compactMap { index, page in page.analysis.seal.map { (index, $0) } }.max { $0.1.score < $1.1.score }
    }

    private func conclude(_ pages: [Analysed], pages count: Int, dpi: Double?) -> CheckOutcome {
        var flags = pages.reduce(into: Set<QualityFlag>()) { $0.formUnion($1.analysis.flags) }
        if let dpi, dpi < 150 { flags.insert(.lowDPI) }
        let best = Self.bestSeal(pages)
        let colour = pages.contains { $0.analysis.hasColour }
        var result = DocumentCheckResult(verdict: colour ? .noSeal : .grayscale, pages: count, dpi: dpi.map { Int($0.rounded()) })
        result.flags = flags.sorted()
        var shown = 0
        if let (index, candidate) = best, candidate.score >= Self.uncertainScore {
            result.verdict = candidate.score >= Self.sealScore ? .seal : .uncertain
            result.seal = SealFinding(page: index + 1, box: candidate.box.map(Self.rounded), score: Self.rounded(min(1, candidate.score)))
            shown = index
        }
        return CheckOutcome(result: result, thumbnail: pages.isEmpty ? nil : JPEGCodec.encode(pages[shown].page.image))
    }

    private func unreadable(_ reason: String, pages: Int = 0) -> CheckOutcome {
        CheckOutcome(result: DocumentCheckResult(verdict: .unreadable, pages: pages, reason: reason))
    }

    /// Pages are kept only at thumbnail size once analysed: a 60-page scan stays small.
    private static func thumbnailSized(_ page: DecodedPage) -> DecodedPage {
        var page = page
        let factor = Int((Double(max(page.image.width, page.image.height)) / Double(thumbnailLongSide)).rounded(.up))
        page.image = page.image.reduced(by: factor)
        return page
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
