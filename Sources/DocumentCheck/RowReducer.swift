/// Shrinks a picture by a whole factor as its rows arrive, each output pixel the mean of a
/// `factor` × `factor` block: decoders hand their rows over one at a time, so a large scan
/// is never held at full size.
struct RowReducer {
    let factor: Int
    let width: Int
    let outWidth: Int
    let outHeight: Int
    private var sums: [Int]
    private var pixels: [UInt8]

    init(width: Int, height: Int, factor: Int) {
        self.factor = max(1, factor)
        self.width = width
        outWidth = max(1, width / self.factor)
        outHeight = max(1, height / self.factor)
        sums = [Int](repeating: 0, count: outWidth * 3)
        pixels = [UInt8](repeating: 0, count: outWidth * outHeight * 3)
    }

    /// The factor that brings `width` × `height` nearest to `longSide` (the working size
    /// unless said), not below.
    init(width: Int, height: Int, longSide: Int = WorkingSize.longSide) {
        self.init(width: width, height: height, factor: max(width, height) / longSide)
    }

    /// Adds source row `y` (RGB, at least `width` pixels).
    mutating func add(row: UnsafeBufferPointer<UInt8>, y: Int) {
        let outY = y / factor
        guard outY < outHeight, row.count >= outWidth * factor * 3 else { return }
        for outX in 0..<outWidth {
            var from = outX * factor * 3
            for _ in 0..<factor {
                sums[outX * 3] += Int(row[from])
                sums[outX * 3 + 1] += Int(row[from + 1])
                sums[outX * 3 + 2] += Int(row[from + 2])
                from += 3
            }
        }
        guard y % factor == factor - 1 else { return }
        let area = factor * factor
        for index in sums.indices {
            pixels[outY * outWidth * 3 + index] = UInt8(sums[index] / area)
            sums[index] = 0
        }
    }

    var image: RGBImage { RGBImage(width: outWidth, height: outHeight, pixels: pixels) }
}
