/// A picture of a page at working resolution, 8-bit RGB, rows top to bottom.
///
/// The check looks at pages at about 100 dpi: a 3.5 cm seal is then some 140 pixels
/// across, and an A4 page fits in a few megabytes whatever the scan's own resolution.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` bytes.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "RGB pixels must be width × height × 3 bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Turned clockwise by `quarterTurns` × 90°: how `/Rotate` and EXIF orientation show it.
    public func rotated(quarterTurns: Int) -> RGBImage {
        let turns = ((quarterTurns % 4) + 4) % 4
        guard turns != 0 else { return self }
        let outWidth = turns == 2 ? width : height
        let outHeight = turns == 2 ? height : width
        var out = [UInt8](repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    for x in 0..<width {
                        let (nx, ny) =
                            switch turns {
                            case 1: (height - 1 - y, x)
                            case 2: (width - 1 - x, height - 1 - y)
                            default: (y, width - 1 - x)
                            }
                        let from = (y * width + x) * 3
                        let to = (ny * outWidth + nx) * 3
                        target[to] = source[from]
                        target[to + 1] = source[from + 1]
                        target[to + 2] = source[from + 2]
                    }
                }
            }
        }
        return RGBImage(width: outWidth, height: outHeight, pixels: out)
    }

    /// Mirrored left to right (EXIF orientations 2, 4, 5 and 7).
    public func mirrored() -> RGBImage {
        var out = pixels
        for y in 0..<height {
            for x in 0..<width {
                let from = (y * width + x) * 3
                let to = (y * width + (width - 1 - x)) * 3
                out[to] = pixels[from]
                out[to + 1] = pixels[from + 1]
                out[to + 2] = pixels[from + 2]
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }

    /// Shrunk by a whole factor, each output pixel the mean of a `factor` × `factor` block.
    public func reduced(by factor: Int) -> RGBImage {
        guard factor > 1 else { return self }
        var reducer = RowReducer(width: width, height: height, factor: factor)
        pixels.withUnsafeBufferPointer { all in
            for y in 0..<height { reducer.add(row: UnsafeBufferPointer(rebasing: all[(y * width * 3)..<((y + 1) * width * 3)]), y: y) }
        }
        return reducer.image
    }

    /// Reduced by the whole factor that brings its long side nearest to `longSide`, not below.
    public func reduced(toLongSide longSide: Int) -> RGBImage {
        reduced(by: max(1, max(width, height) / max(longSide, 1)))
    }
}
