/// A page in grey at a resolution fit for reading its print (about 300 dpi), white-balanced
/// (a warm photo's paper made white) and with the red seal's ink turned to paper, so that
/// the seal does not bleed into the words under it. Grey from the start: a 300 dpi A4 page
/// is 9 MB in grey against 26 MB in colour, and a reading process keeps two.
public struct TextPage: Sendable {
    public let width: Int
    public let height: Int
    /// Pixels per inch across the page as displayed.
    public let dpi: Double
    /// `width * height` bytes, 0 black to 255 white, rows top to bottom.
    public let pixels: [UInt8]

    init(_ image: RGBImage, dpi: Double) {
        let tables = WhiteBalance(image).tables
        var grey = [UInt8](repeating: 255, count: image.width * image.height)
        let (red, green, blue) = (tables[0], tables[1], tables[2])
        image.pixels.withUnsafeBufferPointer { rgb in
            grey.withUnsafeMutableBufferPointer { out in
                for index in 0..<out.count {
                    let r = Int(red[Int(rgb[index * 3])])
                    let g = Int(green[Int(rgb[index * 3 + 1])])
                    let b = Int(blue[Int(rgb[index * 3 + 2])])
                    if !InkColour.isRed(r, g, b) { out[index] = UInt8(InkColour.luminance(r, g, b)) }
                }
            }
        }
        self.init(width: image.width, height: image.height, grey: grey, dpi: dpi)
    }

    /// A page already in grey (`width * height` bytes).
    public init(width: Int, height: Int, grey: [UInt8], dpi: Double) {
        precondition(grey.count == width * height, "grey pixels must be width × height bytes")
        self.width = width
        self.height = height
        self.pixels = grey
        self.dpi = dpi
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
