/// A page in grey at a resolution fit for reading its print (about 300 dpi), with the red
/// seal's ink turned to paper so that it does not bleed into the words under it.
public struct TextPage: Sendable {
    public let width: Int
    public let height: Int
    /// `width * height` bytes, 0 black to 255 white, rows top to bottom.
    public var pixels: [UInt8]
    /// Pixels per inch across the page as displayed.
    public let dpi: Double
    /// 1-based, as in `SealFinding.page`.
    public let number: Int

    public init(width: Int, height: Int, pixels: [UInt8], dpi: Double, number: Int) {
        precondition(pixels.count == width * height, "grey pixels must be width × height bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
        self.dpi = dpi
        self.number = number
    }

    /// The page white-balanced (a warm photo's paper made white) and put in grey, red and
    /// magenta ink made paper.
    init(_ image: RGBImage, dpi: Double, number: Int) {
        let corrected = WhiteBalance(image).corrected(image)
        var grey = [UInt8](repeating: 255, count: image.width * image.height)
        corrected.pixels.withUnsafeBufferPointer { rgb in
            for index in 0..<grey.count {
                let r = Int(rgb[index * 3])
                let g = Int(rgb[index * 3 + 1])
                let b = Int(rgb[index * 3 + 2])
                if !InkColour.isRed(r, g, b) { grey[index] = UInt8(InkColour.luminance(r, g, b)) }
            }
        }
        self.init(width: image.width, height: image.height, pixels: grey, dpi: dpi, number: number)
    }
}

/// Reads what a checked scan says about itself. The check hands it the first page and the
/// page carrying the seal (the signature block is there), and it must keep to `seconds`.
public protocol DocumentTextReading: Sendable {
    func read(first: TextPage, sealed: TextPage?, sealBox: [Double]?, seconds: Double) -> DocumentFacts?
}

/// The size pages are decoded at for reading: ~300 dpi on an A4 page.
enum TextSize {
    static let longSide = 3_300
}
