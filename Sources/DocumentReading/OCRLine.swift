/// A rectangle in an image's pixels, top-left origin, right and bottom exclusive.
public struct PixelBox: Sendable, Equatable {
    public var left: Int
    public var top: Int
    public var right: Int
    public var bottom: Int

    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }

    public var width: Int { right - left }
    public var height: Int { bottom - top }
    public var centreX: Double { Double(left + right) / 2 }

    func union(_ other: PixelBox) -> PixelBox {
        PixelBox(
            left: min(left, other.left), top: min(top, other.top), right: max(right, other.right),
            bottom: max(bottom, other.bottom))
    }
}

/// A word as Tesseract read it.
public struct OCRWord: Sendable, Equatable {
    public var text: String
    public var box: PixelBox
    /// 0–1.
    public var confidence: Double

    public init(text: String, box: PixelBox, confidence: Double) {
        self.text = text
        self.box = box
        self.confidence = confidence
    }
}

/// Words on one line, left to right. Tesseract may run a line across both header columns
/// ("TRƯỜNG THCS NGUYỄN TRÃI   Độc lập - Tự do - Hạnh phúc"): `segments` cuts it at gaps.
public struct OCRLine: Sendable, Equatable {
    public var words: [OCRWord]

    public init(words: [OCRWord]) {
        self.words = words
    }

    public var text: String { words.map(\.text).joined(separator: " ") }
    public var box: PixelBox { words.dropFirst().reduce(words[0].box) { $0.union($1.box) } }
    public var confidence: Double { words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count) }

    /// The line cut wherever two words stand further apart than `gap` pixels.
    public func segments(gap: Int) -> [OCRLine] {
        var out: [OCRLine] = []
        for word in words.sorted(by: { $0.box.left < $1.box.left }) {
            if let last = out.last?.words.last, word.box.left - last.box.right <= gap {
                out[out.count - 1].words.append(word)
            } else {
                out.append(OCRLine(words: [word]))
            }
        }
        return out
    }
}
