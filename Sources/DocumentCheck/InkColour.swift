/// How the check names a pixel's colour, after white balance.
enum InkColour {
    /// Red to magenta, the colour of a seal's ink, from crimson to pink, faded and thinly
    /// inked included (a stroke a pixel wide is half paper once the page is reduced); not
    /// orange, not yellow, not the blue or black of a pen. Shape, not colour, tells a seal
    /// from the other red on a page.
    @inline(__always)
    static func isRed(_ r: Int, _ g: Int, _ b: Int) -> Bool {
        let top = max(r, b)
        guard r >= g, r + 20 >= b, r >= 90 else { return false }
        let chroma = top - min(g, b)
        guard chroma >= 28, chroma * 100 >= top * 14 else { return false }
        // Hue at most ~25° towards yellow: g may exceed b only by 0.42 of the chroma.
        return (g - b) * 12 <= chroma * 5
    }

    /// The yellow of the national emblem's star and rim.
    @inline(__always)
    static func isYellow(_ r: Int, _ g: Int, _ b: Int) -> Bool {
        r >= 150 && g >= 110 && b * 10 < g * 6 && abs(r - g) * 10 < r * 4 && g * 10 > r * 6
    }

    @inline(__always)
    static func luminance(_ r: Int, _ g: Int, _ b: Int) -> Int { (r * 77 + g * 150 + b * 29) >> 8 }
}
