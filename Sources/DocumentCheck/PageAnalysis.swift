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
        /// Chroma (max − min channel, before white balance) that the 99.9th percentile of a
        /// grey page saved as colour stays under: JPEG's rounding, no more. A colour scan of
        /// black print on white still has the paper's tone and the sensor's noise.
        static let neutralChroma = 4
        /// Paper this dim (luminance, 0–255) is a dark photo or scan.
        static let darkPaper = 135
        /// A page whose darkest marks are this close to its paper (luminance) holds nothing:
        /// a blank page. Blurred print is faint but still this far from the paper.
        static let blankContrast = 35
        /// Edges this soft, against the page's contrast, are a blurred picture.
        static let blurredSharpness = 0.22
        /// Text lines running this much more down than across: the page is shown sideways.
        static let sidewaysRatio = 1.35
    }

    init(_ page: DecodedPage) {
        let balance = WhiteBalance(page.image)
        let corrected = balance.corrected(page.image)
        let stats = PageStatistics(corrected, smoothing: max(3, Int(page.workingDPI / 25.4 * 2)))
        hasColour = page.sourceIsColour && PageStatistics.chroma999(page.image) > Threshold.neutralChroma
        let found = hasColour ? SealDetector(image: corrected, dpi: page.workingDPI, isPhoto: page.isPhoto).best() : nil
        seal = found.map { mark in
            let (w, h) = (Double(corrected.width), Double(corrected.height))
            return ([Double(mark.x) / w, Double(mark.y) / h, Double(mark.width) / w, Double(mark.height) / h], mark.score)
        }
        var flags: Set<QualityFlag> = []
        if balance.paperLuminance < Threshold.darkPaper { flags.insert(.dark) }
        if stats.contrast < Threshold.blankContrast, seal == nil { flags.insert(.blankPage) }
        if stats.contrast >= Threshold.blankContrast, stats.sharpness < Threshold.blurredSharpness { flags.insert(.blurred) }
        if stats.inkShare >= 0.004, stats.columnVariation > stats.rowVariation * Threshold.sidewaysRatio {
            flags.insert(.rotated)
        }
        self.flags = flags
    }
}

/// Whole-page measures on the white-balanced picture, from one pass over its pixels.
struct PageStatistics {
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

    /// `smoothing`: pixels over which the profiles are averaged (about 2 mm), so that the
    /// gaps between letters and words wash out and the lines of text remain.
    init(_ image: RGBImage, smoothing: Int) {
        let width = image.width
        let height = image.height
        guard width > 2, height > 2 else { return }
        var luminance = [UInt8](repeating: 0, count: width * height)
        var histogram = [Int](repeating: 0, count: 256)
        image.pixels.withUnsafeBufferPointer { pixels in
            for index in 0..<(width * height) {
                let r = Int(pixels[index * 3])
                let g = Int(pixels[index * 3 + 1])
                let b = Int(pixels[index * 3 + 2])
                let l = InkColour.luminance(r, g, b)
                luminance[index] = UInt8(l)
                histogram[l] += 1
            }
        }
        let paper = WhiteBalance.percentile(histogram, 0.9)
        let darkest = WhiteBalance.percentile(histogram, 0.002)
        contrast = paper - darkest
        let inkLevel = paper * 6 / 10
        var rows = [Int](repeating: 0, count: height)
        var columns = [Int](repeating: 0, count: width)
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
        rowVariation = Self.variation(Self.smoothed(rows[y0..<y1], smoothing), mass: ink)
        columnVariation = Self.variation(Self.smoothed(columns[x0..<x1], smoothing), mass: ink)
    }

    /// The 99.9th percentile of chroma (max − min channel), over a sample of the pixels.
    static func chroma999(_ image: RGBImage) -> Int {
        var chroma = [Int](repeating: 0, count: 256)
        let step = max(1, image.width * image.height / 300_000)
        image.pixels.withUnsafeBufferPointer { pixels in
            var index = 0
            while index < image.width * image.height {
                let r = pixels[index * 3]
                let g = pixels[index * 3 + 1]
                let b = pixels[index * 3 + 2]
                chroma[Int(max(r, g, b) - min(r, g, b))] += 1
                index += step
            }
        }
        return WhiteBalance.percentile(chroma, 0.999)
    }

    /// A moving average over `window` entries.
    private static func smoothed(_ profile: ArraySlice<Int>, _ window: Int) -> ArraySlice<Int> {
        let values = Array(profile)
        guard values.count > window else { return profile }
        var out = [Int](repeating: 0, count: values.count - window + 1)
        var sum = values[0..<window].reduce(0, +)
        out[0] = sum
        for index in window..<values.count {
            sum += values[index] - values[index - window]
            out[index - window + 1] = sum
        }
        return ArraySlice(out.map { $0 / window })
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
