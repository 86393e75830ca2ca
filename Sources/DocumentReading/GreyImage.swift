import DocumentCheck

/// A grey picture, 0 black to 255 white, rows top to bottom: what Tesseract is given.
struct GreyImage: Sendable {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    /// The part of `page` inside `box` (clamped to the page).
    init(_ page: TextPage, box: PixelBox) {
        (width, height, pixels) = page.grey(left: box.left, top: box.top, right: box.right, bottom: box.bottom)
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
