/// What one page shows: whether it has colour at all, its most seal-like mark, and its
/// quality problems.
struct PageAnalysis {
    /// The page holds colour: a grey scan saved as RGB has none beyond JPEG's noise.
    var hasColour: Bool
    /// The most seal-like mark: its box as fractions of the page, and its score.
    var seal: (box: [Double], score: Double)?
    var flags: Set<QualityFlag>

    /// Thresholds the labelled set was tuned on (BENCHMARKS.md, the document check).
    enum Threshold {
        /// Chroma (max − min channel) that the 99.9th percentile of a grey page stays under.
        static let neutralChroma = 16
        /// Paper this dim (luminance, 0–255) is a dark photo or scan.
        static let darkPaper = 135
        /// Ink covering less of the page than this is a blank page.
        static let blankInk = 0.0015
        /// Edges this soft, against the page's contrast, are a blurred picture.
        static let blurredSharpness = 0.22
        /// Text lines running this much more down than across: the page is shown sideways.
        static let sidewaysRatio = 1.35
    }

    init(_ page: DecodedPage) {
        let balance = WhiteBalance(page.image)
        let corrected = balance.corrected(page.image)
        let stats = PageStatistics(corrected)
        hasColour = page.sourceIsColour && stats.chroma999 > Threshold.neutralChroma
        let found = hasColour ? SealDetector(image: corrected, dpi: page.workingDPI, isPhoto: page.isPhoto).best() : nil
        seal = found.map { mark in
            let (w, h) = (Double(corrected.width), Double(corrected.height))
            return ([Double(mark.x) / w, Double(mark.y) / h, Double(mark.width) / w, Double(mark.height) / h], mark.score)
        }
        var flags: Set<QualityFlag> = []
        if balance.paperLuminance < Threshold.darkPaper { flags.insert(.dark) }
        if stats.inkShare < Threshold.blankInk, seal == nil { flags.insert(.blankPage) }
        if stats.inkShare >= Threshold.blankInk, stats.contrast > 60, stats.sharpness < Threshold.blurredSharpness {
            flags.insert(.blurred)
        }
        if stats.inkShare >= 0.004, stats.columnVariation > stats.rowVariation * Threshold.sidewaysRatio {
            flags.insert(.rotated)
        }
        self.flags = flags
    }
}

/// Whole-page measures on the white-balanced picture, from one pass over its pixels.
struct PageStatistics {
    /// The 99.9th percentile of chroma.
    var chroma999 = 0
    /// Share of pixels dark enough to be ink.
    var inkShare = 0.0
    /// Paper luminance minus the darkest ink's.
    var contrast = 0
    /// The steepest edges (99.7th percentile of neighbouring pixels' difference) against
    /// the contrast: near 1 for crisp print, low when every edge is smeared.
    var sharpness = 0.0
    /// How much the ink's row and column profiles change from one line to the next: text
    /// lines make the rows alternate, so the larger one tells which way the text runs.
    var rowVariation = 0.0
    var columnVariation = 0.0

    init(_ image: RGBImage) {
        let width = image.width, height = image.height
        guard width > 2, height > 2 else { return }
        var luminance = [UInt8](repeating: 0, count: width * height)
        var chroma = [Int](repeating: 0, count: 256)
        var histogram = [Int](repeating: 0, count: 256)
        image.pixels.withUnsafeBufferPointer { pixels in
            for index in 0..<(width * height) {
                let r = Int(pixels[index * 3]), g = Int(pixels[index * 3 + 1]), b = Int(pixels[index * 3 + 2])
                let l = InkColour.luminance(r, g, b)
                luminance[index] = UInt8(l)
                histogram[l] += 1
                chroma[max(r, g, b) - min(r, g, b)] += 1
            }
        }
        chroma999 = WhiteBalance.percentile(chroma, 0.999)
        let paper = WhiteBalance.percentile(histogram, 0.9)
        let darkest = WhiteBalance.percentile(histogram, 0.002)
        contrast = paper - darkest
        let inkLevel = paper * 6 / 10
        var rows = [Int](repeating: 0, count: height), columns = [Int](repeating: 0, count: width)
        var edges = [Int](repeating: 0, count: 256)
        var ink = 0
        // Margins left out: a photo's table and a scanner lid's shadow are not the page.
        let (x0, x1, y0, y1) = (width / 20, width - width / 20, height / 20, height - height / 20)
        for y in y0..<(y1 - 1) {
            for x in x0..<(x1 - 1) {
                let index = y * width + x
                let l = Int(luminance[index])
                if l < inkLevel {
                    ink += 1
                    rows[y] += 1
                    columns[x] += 1
                }
                edges[max(abs(l - Int(luminance[index + 1])), abs(l - Int(luminance[index + width])))] += 1
            }
        }
        inkShare = Double(ink) / Double(max(1, (x1 - x0) * (y1 - y0)))
        sharpness = contrast > 0 ? Double(WhiteBalance.percentile(edges, 0.997)) / Double(contrast) : 0
        rowVariation = Self.variation(rows[y0..<y1], mass: ink)
        columnVariation = Self.variation(columns[x0..<x1], mass: ink)
    }

    private static func variation(_ profile: ArraySlice<Int>, mass: Int) -> Double {
        guard mass > 0 else { return 0 }
        var total = 0
        var previous = profile.first ?? 0
        for value in profile.dropFirst() {
            total += abs(value - previous)
            previous = value
        }
        return Double(total) / Double(mass)
    }
}
