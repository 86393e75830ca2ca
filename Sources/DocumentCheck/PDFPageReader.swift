import PDFStructure

/// A PDF page as the check sees it: the page image taken straight out of the file when the
/// page is one (JPEG bytes to TurboJPEG, raw pixels through qpdf's filters), rendered by
/// `pdftoppm` otherwise; turned as `/Rotate` says.
struct PDFPageReader {
    let document: PDFDocument
    let bytes: [UInt8]
    let limits: CheckLimits

    func read(_ page: PDFPage, secondsLeft: Double) throws(DecodeError) -> DecodedPage {
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
            if upright, let decoded = try extract(image) {
                let shown = decoded.image.rotated(quarterTurns: page.rotation / 90)
                return DecodedPage(
                    image: shown, sourceIsColour: decoded.isColour, dpi: dpi,
                    workingDPI: Double(shown.width) / inches.width, isPhoto: false)
            }
        }
        let rendered = try PageRasterizer.render(
            pdf: bytes, page: page.index + 1, longSide: WorkingSize.longSide, seconds: secondsLeft,
            memory: limits.rendererMemory)
        return DecodedPage(
            image: rendered, sourceIsColour: sourceIsColour, dpi: dpi,
            workingDPI: Double(rendered.width) / inches.width, isPhoto: false)
    }

    /// The page image's pixels, or nil when only a renderer can draw it.
    private func extract(_ image: PDFImage) throws(DecodeError) -> (image: RGBImage, isColour: Bool)? {
        if image.isJPEG, image.colorSpace != .indexed {
            guard let jpeg = document.data(of: image, decoded: false) else { return nil }
            let header = try JPEGCodec.header(jpeg)
            let decoded = try JPEGCodec.decode(jpeg, header: header, longSide: WorkingSize.longSide)
            return (decoded, header.isColour && image.colorSpace != .gray)
        }
        guard image.isRaw, [.gray, .rgb].contains(image.colorSpace), [1, 8].contains(image.bitsPerComponent),
            let data = document.data(of: image, decoded: true)
        else { return nil }
        let components = image.colorSpace == .rgb ? 3 : 1
        let rowBytes = (image.width * components * image.bitsPerComponent + 7) / 8
        guard data.count >= rowBytes * image.height else { return nil }
        let factor = max(1, max(image.width, image.height) / WorkingSize.longSide)
        return (Self.reduce(data, image: image, rowBytes: rowBytes, factor: factor), components == 3)
    }

    /// Unpacks grey, bilevel or RGB rows into the reduced RGB picture in one pass.
    private static func reduce(_ data: [UInt8], image: PDFImage, rowBytes: Int, factor: Int) -> RGBImage {
        let outWidth = max(1, image.width / factor)
        let outHeight = max(1, image.height / factor)
        var out = [UInt8](repeating: 0, count: outWidth * outHeight * 3)
        var sums = [Int](repeating: 0, count: outWidth * 3)
        let rgb = image.colorSpace == .rgb && image.bitsPerComponent == 8
        for oy in 0..<outHeight {
            for index in sums.indices { sums[index] = 0 }
            for y in (oy * factor)..<(oy * factor + factor) {
                let row = y * rowBytes
                for ox in 0..<outWidth {
                    for dx in 0..<factor {
                        let x = ox * factor + dx
                        if rgb {
                            sums[ox * 3] += Int(data[row + x * 3])
                            sums[ox * 3 + 1] += Int(data[row + x * 3 + 1])
                            sums[ox * 3 + 2] += Int(data[row + x * 3 + 2])
                        } else {
                            let value =
                                image.bitsPerComponent == 8
                                ? Int(data[row + x]) : (Int(data[row + (x >> 3)]) >> (7 - (x & 7))) & 1 == 1 ? 255 : 0
                            sums[ox * 3] += value
                            sums[ox * 3 + 1] += value
                            sums[ox * 3 + 2] += value
                        }
                    }
                }
            }
            for index in sums.indices { out[oy * outWidth * 3 + index] = UInt8(sums[index] / (factor * factor)) }
        }
        return RGBImage(width: outWidth, height: outHeight, pixels: out)
    }
}
