/// A photo or image file as one page: JPEG (turned as its EXIF says), PNG and HEIC.
enum ImageFileReader {
    /// The decoded page, or nil for a format the check does not read (GIF, TIFF, WebP).
    static func read(_ bytes: [UInt8], limits: CheckLimits, longSide: Int = WorkingSize.longSide) throws(DecodeError) -> DecodedPage? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            let header = try JPEGCodec.header(bytes)
            guard header.width * header.height <= limits.pixelsPerPage else {
                throw DecodeError("the image has \(header.width * header.height) pixels, over the limit of \(limits.pixelsPerPage)")
            }
            let decoded = try JPEGCodec.decode(bytes, header: header, longSide: longSide)
            let upright = EXIFOrientation.apply(EXIFOrientation.read(bytes), to: decoded)
            let long = max(header.width, header.height)
            return page(upright, isColour: header.isColour, sourceLongSide: long, density: JPEGCodec.density(bytes))
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            let png = try PNGDecoder.decode(bytes, limits: limits, longSide: longSide)
            return page(png.image, isColour: png.isColour, sourceLongSide: max(png.width, png.height), density: png.dpi)
        }
        if bytes.count > 12,
            ["ftypheic", "ftypheix", "ftypmif1", "ftyphevc", "ftypmsf1"].contains(where: { bytes[4..<12].elementsEqual($0.utf8) })
        {
            let heif = try HEIFDecoder.decode(bytes, limits: limits, longSide: longSide)
            return page(heif.image, isColour: true, sourceLongSide: max(heif.width, heif.height), density: nil)
        }
        return nil
    }

    /// A photo's resolution is unknown: the page is taken to be an A4 sheet filling the frame.
    /// A scan saved as an image says its density, and is then a scan rather than a photo.
    private static func page(_ image: RGBImage, isColour: Bool, sourceLongSide: Int, density: Double?) -> DecodedPage {
        let longInches = density.map { Double(sourceLongSide) / $0 } ?? WorkingSize.a4LongInches
        let dpi = Double(sourceLongSide) / longInches
        let workingDPI = Double(max(image.width, image.height)) / longInches
        return DecodedPage(image: image, sourceIsColour: isColour, dpi: dpi, workingDPI: workingDPI, isPhoto: density == nil)
    }
}
