extension PDFDocument {
    /// Pages looked at to tell a scan from a generated PDF: enough to see the pattern.
    static let pagesSampled = 8

    /// Whether the file is a scan: most of its first pages are pictures of paper. A Word
    /// export with a logo has fonts and a small image; a scan with an OCR text layer has
    /// fonts too, but each page is one page-sized image.
    public var looksScanned: Bool {
        let sampled = min(pageCount, Self.pagesSampled)
        guard sampled > 0 else { return false }
        let scanned = (0..<sampled).filter { page($0).isScanned }.count
        return scanned * 2 > sampled
    }
}
