import DocumentCheck

/// A grey picture, 0 black to 255 white, rows top to bottom: what Tesseract is given.
struct GreyImage: Sendable {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    /// The part of `page` inside `box` (clamped to the page).
    init(_ page: TextPage, box: PixelBox) {
        let left = max(0, min(page.width, box.left))
        let right = max(left, min(page.width, box.right))
        let top = max(0, min(page.height, box.top))
        let bottom = max(top, min(page.height, box.bottom))
        let (width, height) = (right - left, bottom - top)
        var pixels = [UInt8](repeating: 255, count: width * height)
        page.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let from = (top + y) * page.width + left
                    for x in 0..<width { target[y * width + x] = source[from + x] }
                }
            }
        }
        (self.width, self.height, self.pixels) = (width, height, pixels)
    }

    /// Ink black and paper white, each pixel against the mean of its neighbourhood
    /// (Bradley's adaptive threshold): a phone photo is darker at its edges than at its
    /// centre, and one threshold for the whole band would lose the print in the shadow.
    func binarised() -> GreyImage {
        guard width > 0, height > 0 else { return self }
        let window = max(15, width / 24) | 1
        let half = window / 2
        var integral = [Int](repeating: 0, count: (width + 1) * (height + 1))
        for y in 0..<height {
            var row = 0
            for x in 0..<width {
                row += Int(pixels[y * width + x])
                integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + row
            }
        }
        var out = self
        for y in 0..<height {
            let y0 = max(0, y - half)
            let y1 = min(height, y + half + 1)
            for x in 0..<width {
                let x0 = max(0, x - half)
                let x1 = min(width, x + half + 1)
                let sum =
                    integral[y1 * (width + 1) + x1] - integral[y0 * (width + 1) + x1] - integral[y1 * (width + 1) + x0]
                    + integral[y0 * (width + 1) + x0]
                let area = (x1 - x0) * (y1 - y0)
                // 15% under the local mean is ink; a flat, faint area (paper texture) is not.
                let value = Int(pixels[y * width + x])
                out.pixels[y * width + x] = value * area * 100 < sum * 85 && value < 200 ? 0 : 255
            }
        }
        return out
    }
}
