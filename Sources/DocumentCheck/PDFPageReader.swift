import PDFStructure

/// A PDF page as the check sees it: the page image taken straight out of the file when the
/// page is one (JPEG bytes to TurboJPEG, raw pixels through qpdf's filters), rendered by
/// `pdftoppm` otherwise; turned as `/Rotate` says.
struct PDFPageReader {
    let document: PDFDocument
    let limits: CheckLimits
    let rasterizer: PageRasterizer

    init(document: PDFDocument, bytes: [UInt8], limits: CheckLimits) {
        self.document = document
        self.limits = limits
        rasterizer = PageRasterizer(pdf: bytes)
    }

    /// The page at `longSide` pixels or a little more: the check's ~100 dpi, or `TextSize`
    /// for reading.
    func read(_ page: PDFPage, secondsLeft: Double, longSide: Int = WorkingSize.longSide) throws(DecodeError) -> DecodedPage {
        let inches = page.displayedInches
        let sourceIsColour = !page.images.isEmpty ? page.images.contains { !$0.isMask && !$0.isMonochrome } : true
        let dpi = page.resolution
        if let image = page.pageImage {
            guard image.width * image.height <= limits.pixelsPerPage else {
                throw DecodeError(
                    "page \(page.index + 1) has \(image.width * image.height) pixels, over the limit of \(limits.pixelsPerPage)")
            }
            // The image fills the box; stored the other way round, it is turned by the page's
            // content stream, which the renderer follows.
            let upright = (image.width >= image.height) == (page.box.width >= page.box.height)
            if upright, let decoded = try extract(image, longSide: longSide) {
                let shown = decoded.image.rotated(quarterTurns: page.rotation / 90)
                return DecodedPage(
                    image: shown, sourceIsColour: decoded.isColour, dpi: dpi,
                    workingDPI: Double(shown.width) / inches.width, isPhoto: false)
            }
        }
        let rendered = try rasterizer.render(
            page: page.index + 1, longSide: longSide, seconds: secondsLeft, memory: limits.rendererMemory)
        return DecodedPage(
            image: rendered, sourceIsColour: sourceIsColour, dpi: dpi,
            workingDPI: Double(rendered.width) / inches.width, isPhoto: false)
    }

    /// The page image's pixels, or nil when only a renderer can draw it.
    private func extract(_ image: PDFImage, longSide: Int) throws(DecodeError) -> (image: RGBImage, isColour: Bool)? {
        if image.isJPEG, image.colorSpace != .indexed {
            guard let jpeg = document.data(of: image, decoded: false) else { return nil }
            let header = try JPEGCodec.header(jpeg)
            let decoded = try JPEGCodec.decode(jpeg, header: header, longSide: longSide)
            return (decoded, header.isColour && image.colorSpace != .gray)
        }
        guard image.isRaw,
            (image.colorSpace == .rgb && image.bitsPerComponent == 8)
                || (image.colorSpace == .gray && [1, 8].contains(image.bitsPerComponent)),
            let data = document.data(of: image, decoded: true)
        else { return nil }
        let components = image.colorSpace == .rgb ? 3 : 1
        let rowBytes = (image.width * components * image.bitsPerComponent + 7) / 8
        guard data.count >= rowBytes * image.height else { return nil }
        return (Self.reduce(data, image: image, rowBytes: rowBytes, longSide: longSide), components == 3)
    }

    /// Unpacks grey, bilevel or RGB rows into RGB, one at a time, into the reduced picture.
    private static func reduce(_ data: [UInt8], image: PDFImage, rowBytes: Int, longSide: Int) -> RGBImage {
        var reducer = RowReducer(width: image.width, height: image.height, longSide: longSide)
        var row = [UInt8](repeating: 0, count: image.width * 3)
        for y in 0..<image.height {
            let start = y * rowBytes
            for x in 0..<image.width {
                switch (image.colorSpace, image.bitsPerComponent) {
                case (.rgb, _):
                    row[x * 3] = data[start + x * 3]
                    row[x * 3 + 1] = data[start + x * 3 + 1]
                    row[x * 3 + 2] = data[start + x * 3 + 2]
                case (_, 8):
                    (row[x * 3], row[x * 3 + 1], row[x * 3 + 2]) = (data[start + x], data[start + x], data[start + x])
                default:
                    let bit: UInt8 = (data[start + (x >> 3)] >> (7 - (x & 7))) & 1 == 1 ? 255 : 0
                    (row[x * 3], row[x * 3 + 1], row[x * 3 + 2]) = (bit, bit, bit)
                }
            }
            row.withUnsafeBufferPointer { reducer.add(row: $0, y: y) }
        }
        return reducer.image
    }
}
