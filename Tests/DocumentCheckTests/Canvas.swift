import Foundation

@testable import DocumentCheck

/// Draws test pages: paper, lines of "text", and red marks of known shape and size.
struct Canvas {
    var image: RGBImage
    /// Pixels per inch of the page drawn.
    let dpi: Double

    static let paper: (UInt8, UInt8, UInt8) = (250, 250, 247)
    static let sealRed: (UInt8, UInt8, UInt8) = (205, 35, 45)

    /// An A4 page at `dpi`, with body text lines and a blue signature.
    init(dpi: Double = 150, paper: (UInt8, UInt8, UInt8) = Canvas.paper) {
        self.dpi = dpi
        let width = Int(8.27 * dpi)
        let height = Int(11.69 * dpi)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in 0..<(width * height) {
            pixels[index * 3] = paper.0
            pixels[index * 3 + 1] = paper.1
            pixels[index * 3 + 2] = paper.2
        }
        image = RGBImage(width: width, height: height, pixels: pixels)
        var line = 0.15
        while line < 0.62 {
            rectangle(x: 0.12, y: line, width: line < 0.2 ? 0.3 : 0.76, height: 0.006, colour: (35, 35, 40))
            line += 0.018
        }
        // A signature's blue strokes: colour on the page, so it is a colour scan.
        for step in 0..<40 {
            let t = Double(step) / 40
            disc(cx: 0.6 + t * 0.2, cy: 0.75 + 0.01 * sin(t * 12), radiusCM: 0.06, colour: (30, 50, 170))
        }
    }

    func mm(_ millimetres: Double) -> Double { millimetres / 25.4 * dpi }

    mutating func set(_ x: Int, _ y: Int, _ colour: (UInt8, UInt8, UInt8)) {
        guard x >= 0, y >= 0, x < image.width, y < image.height else { return }
        let index = (y * image.width + x) * 3
        image.pixels[index] = colour.0
        image.pixels[index + 1] = colour.1
        image.pixels[index + 2] = colour.2
    }

    /// A box given as fractions of the page.
    mutating func rectangle(x: Double, y: Double, width: Double, height: Double, colour: (UInt8, UInt8, UInt8)) {
        let x0 = Int(x * Double(image.width))
        let y0 = Int(y * Double(image.height))
        for py in y0..<(y0 + max(1, Int(height * Double(image.height)))) {
            for px in x0..<(x0 + max(1, Int(width * Double(image.width)))) { set(px, py, colour) }
        }
    }

    /// A ring from `inner` to `outer` centimetres of radius, centred at fractions of the page.
    mutating func ring(cx: Double, cy: Double, outerCM: Double, innerCM: Double, colour: (UInt8, UInt8, UInt8)) {
        let centreX = cx * Double(image.width)
        let centreY = cy * Double(image.height)
        let outer = mm(outerCM * 10)
        let inner = mm(innerCM * 10)
        for py in Int(centreY - outer)...Int(centreY + outer) {
            for px in Int(centreX - outer)...Int(centreX + outer) {
                let r = hypot(Double(px) - centreX, Double(py) - centreY)
                if r <= outer, r >= inner { set(px, py, colour) }
            }
        }
    }

    mutating func disc(cx: Double, cy: Double, radiusCM: Double, colour: (UInt8, UInt8, UInt8)) {
        ring(cx: cx, cy: cy, outerCM: radiusCM, innerCM: 0, colour: colour)
    }

    /// A round seal of `diameterCM`: two rings and lettering between them, a star-ish centre.
    mutating func seal(cx: Double, cy: Double, diameterCM: Double, colour: (UInt8, UInt8, UInt8) = Canvas.sealRed) {
        let r = diameterCM / 2
        ring(cx: cx, cy: cy, outerCM: r, innerCM: r - 0.08, colour: colour)
        ring(cx: cx, cy: cy, outerCM: r * 0.62, innerCM: r * 0.62 - 0.05, colour: colour)
        let centreX = cx * Double(image.width)
        let centreY = cy * Double(image.height)
        for letter in 0..<28 {
            let angle = Double(letter) / 28 * 2 * .pi
            let lx = centreX + cos(angle) * mm(r * 10 * 0.8)
            let ly = centreY + sin(angle) * mm(r * 10 * 0.8)
            for dy in -3...3 { for dx in -1...1 { set(Int(lx) + dx, Int(ly) + dy, colour) } }
        }
        disc(cx: cx, cy: cy, radiusCM: r * 0.2, colour: colour)
    }

    /// The picture as a JPEG with its density, as a scanner saves it.
    func jpeg(quality: Int = 85) -> [UInt8] {
        var bytes = JPEGCodec.encode(image, quality: quality)!
        // TurboJPEG writes a JFIF header with density 1:1 (no unit); a scanner writes its dpi.
        bytes[13] = 1
        bytes[14] = UInt8(Int(dpi) >> 8)
        bytes[15] = UInt8(Int(dpi) & 0xFF)
        bytes[16] = UInt8(Int(dpi) >> 8)
        bytes[17] = UInt8(Int(dpi) & 0xFF)
        return bytes
    }
}
