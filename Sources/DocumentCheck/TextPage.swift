/// A page at a resolution fit for reading its print (about 300 dpi). It is put in grey a
/// region at a time, white-balanced (a warm photo's paper made white) and with the red
/// seal's ink turned to paper, so that the seal does not bleed into the words under it:
/// only the bands that are read are converted, not the whole page.
public struct TextPage: Sendable {
    public let width: Int
    public let height: Int
    /// Pixels per inch across the page as displayed.
    public let dpi: Double
    /// 1-based, as in `SealFinding.page`.
    public let number: Int
    private let image: RGBImage
    private let tables: [[UInt8]]

    init(_ image: RGBImage, dpi: Double, number: Int) {
        self.image = image
        width = image.width
        height = image.height
        self.dpi = dpi
        self.number = number
        let gains = WhiteBalance(image).gains
        tables = [gains.r, gains.g, gains.b].map { gain in (0..<256).map { UInt8(min(255, Double($0) * gain)) } }
    }

    /// The page as it is given (grey pixels, `width * height` bytes): for tests.
    public init(width: Int, height: Int, grey: [UInt8], dpi: Double, number: Int = 1) {
        precondition(grey.count == width * height, "grey pixels must be width × height bytes")
        self.init(
            RGBImage(width: width, height: height, pixels: grey.flatMap { [$0, $0, $0] }), dpi: dpi, number: number)
    }

    /// The rows `top..<bottom` and columns `left..<right` (clamped to the page) in grey,
    /// 0 black to 255 white, rows top to bottom; with the region's width and height.
    public func grey(left: Int, top: Int, right: Int, bottom: Int) -> (width: Int, height: Int, pixels: [UInt8]) {
        let x0 = max(0, min(width, left))
        let x1 = max(x0, min(width, right))
        let y0 = max(0, min(height, top))
        let y1 = max(y0, min(height, bottom))
        let (w, h) = (x1 - x0, y1 - y0)
        var grey = [UInt8](repeating: 255, count: w * h)
        let (red, green, blue) = (tables[0], tables[1], tables[2])
        image.pixels.withUnsafeBufferPointer { rgb in
            grey.withUnsafeMutableBufferPointer { out in
                for y in 0..<h {
                    var from = ((y0 + y) * width + x0) * 3
                    for x in 0..<w {
                        let r = Int(red[Int(rgb[from])])
                        let g = Int(green[Int(rgb[from + 1])])
                        let b = Int(blue[Int(rgb[from + 2])])
                        if !InkColour.isRed(r, g, b) { out[y * w + x] = UInt8(InkColour.luminance(r, g, b)) }
                        from += 3
                    }
                }
            }
        }
        return (w, h, grey)
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
