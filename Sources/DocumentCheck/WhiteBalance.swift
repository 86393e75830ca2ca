/// The paper's colour, and the gains that make it white.
///
/// A phone photo under a warm lamp turns white paper yellow and a red seal orange; a
/// cheap scanner tints everything. The brightest tenth of the page is paper, so each
/// channel is scaled to bring its 95th percentile to white before colours are judged.
struct WhiteBalance: Sendable {
    let gains: (r: Double, g: Double, b: Double)
    /// The paper's luminance before correction (0–255).
    let paperLuminance: Int

    init(_ image: RGBImage) {
        var histograms = [[Int]](repeating: [Int](repeating: 0, count: 256), count: 3)
        var luminance = [Int](repeating: 0, count: 256)
        let step = max(1, image.width * image.height / 200_000)
        var index = 0
        while index < image.width * image.height {
            let r = Int(image.pixels[index * 3])
            let g = Int(image.pixels[index * 3 + 1])
            let b = Int(image.pixels[index * 3 + 2])
            histograms[0][r] += 1
            histograms[1][g] += 1
            histograms[2][b] += 1
            luminance[(r * 77 + g * 150 + b * 29) >> 8] += 1
            index += step
        }
        let white = histograms.map { Self.percentile($0, 0.95) }
        func gain(_ level: Int) -> Double { level < 48 ? 1 : min(2.2, max(1, 250 / Double(level))) }
        gains = (gain(white[0]), gain(white[1]), gain(white[2]))
        paperLuminance = Self.percentile(luminance, 0.95)
    }

    static func percentile(_ histogram: [Int], _ fraction: Double) -> Int {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return 0 }
        var seen = 0
        for (level, count) in histogram.enumerated() {
            seen += count
            if Double(seen) >= Double(total) * fraction { return level }
        }
        return 255
    }

    /// The gains as look-up tables, red, green and blue: a level in, the corrected level out.
    var tables: [[UInt8]] {
        [gains.r, gains.g, gains.b].map { gain in (0..<256).map { UInt8(min(255, Double($0) * gain)) } }
    }

    /// The picture with the paper made white.
    func corrected(_ image: RGBImage) -> RGBImage {
        guard gains != (1, 1, 1) else { return image }
        let tables = self.tables
        var pixels = image.pixels
        for index in stride(from: 0, to: pixels.count, by: 3) {
            pixels[index] = tables[0][Int(pixels[index])]
            pixels[index + 1] = tables[1][Int(pixels[index + 1])]
            pixels[index + 2] = tables[2][Int(pixels[index + 2])]
        }
        return RGBImage(width: image.width, height: image.height, pixels: pixels)
    }
}
