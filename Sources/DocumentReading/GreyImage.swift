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

    /// The rows above `y`.
    func top(_ y: Int) -> GreyImage {
        let rows = max(0, min(height, y))
        var copy = self
        copy.pixels.removeSubrange((rows * width)...)
        return GreyImage(width: width, height: rows, pixels: copy.pixels)
    }

    private init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Where the body of the document begins in a binarised header band, from its ink
    /// alone (nothing read): the first line after the header's first three that runs from
    /// margin to margin with no column gap in it (a header line spans the page too, but
    /// with a gap between its two columns). A band of several lines run together (a page
    /// scanned askew) is no line: the band is then read whole. Returns the y to cut at.
    func bodyStart() -> Int? {
        let maximumLine = max(8, width / 30)
        var lines: [(top: Int, bottom: Int)] = []
        var inked = [Bool](repeating: false, count: height)
        pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<height {
                var count = 0
                for x in 0..<width where pixels[y * width + x] == 0 { count += 1 }
                inked[y] = count >= 3
            }
        }
        var y = 0
        while y < height {
            guard inked[y] else {
                y += 1
                continue
            }
            let top = y
            while y < height, inked[y] || (y + 2 < height && inked[y + 2]) { y += 1 }
            lines.append((top, y))
        }
        for (index, line) in lines.enumerated() where index >= 3 && line.bottom - line.top <= maximumLine {
            var columns = [Bool](repeating: false, count: width)
            for row in line.top..<line.bottom {
                for x in 0..<width where pixels[row * width + x] == 0 { columns[x] = true }
            }
            guard let first = columns.firstIndex(of: true), let last = columns.lastIndex(of: true), last - first > width * 7 / 10
            else { continue }
            var gap = 0
            var widest = 0
            for x in first...last {
                gap = columns[x] ? 0 : gap + 1
                widest = max(widest, gap)
            }
            if widest < width / 40 { return max(0, line.top - (line.bottom - line.top) / 3) }
        }
        return nil
    }

    /// Ink black and paper white, each pixel against the mean of its neighbourhood
    /// (Bradley's adaptive threshold): a phone photo is darker at its edges than at its
    /// centre, and one threshold for the whole band would lose the print in the shadow.
    /// The window's sums are kept per column and slid down the rows, so the memory is two
    /// rows' worth, not an integral image of the band.
    func binarised() -> GreyImage {
        guard width > 0, height > 0 else { return self }
        let half = (max(15, width / 24) | 1) / 2
        var out = self
        var columns = [Int](repeating: 0, count: width)
        var prefix = [Int](repeating: 0, count: width + 1)
        pixels.withUnsafeBufferPointer { pixels in
            out.pixels.withUnsafeMutableBufferPointer { out in
                for y in 0..<min(height, half + 1) {
                    for x in 0..<width { columns[x] += Int(pixels[y * width + x]) }
                }
                for y in 0..<height {
                    // The window holds rows y - half ... y + half, clamped to the band.
                    if y > 0 {
                        let entering = y + half
                        if entering < height { for x in 0..<width { columns[x] += Int(pixels[entering * width + x]) } }
                        let leaving = y - half - 1
                        if leaving >= 0 { for x in 0..<width { columns[x] -= Int(pixels[leaving * width + x]) } }
                    }
                    let rows = min(height, y + half + 1) - max(0, y - half)
                    for x in 0..<width { prefix[x + 1] = prefix[x] + columns[x] }
                    for x in 0..<width {
                        let x0 = max(0, x - half)
                        let x1 = min(width, x + half + 1)
                        let sum = prefix[x1] - prefix[x0]
                        let area = (x1 - x0) * rows
                        // 15% under the local mean is ink; a flat, faint area (paper texture) is not.
                        let value = Int(pixels[y * width + x])
                        out[y * width + x] = value * area * 100 < sum * 85 && value < 200 ? 0 : 255
                    }
                }
            }
        }
        return out
    }
}
