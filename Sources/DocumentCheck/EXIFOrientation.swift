/// The EXIF Orientation tag of a JPEG: how a phone says to turn its photo for display.
///
/// Only the one tag is read, from the TIFF structure in the APP1 segment; the pixels are
/// decoded by TurboJPEG, which ignores EXIF.
enum EXIFOrientation {
    /// The orientation (1–8), or 1 when the file has none.
    static func read(_ jpeg: [UInt8]) -> Int {
        var offset = 2
        while offset + 4 <= jpeg.count, jpeg[offset] == 0xFF {
            let marker = jpeg[offset + 1]
            let length = Int(jpeg[offset + 2]) << 8 | Int(jpeg[offset + 3])
            if marker == 0xDA || length < 2 { break }
            let body = offset + 4
            if marker == 0xE1, body + 14 <= jpeg.count, jpeg[body..<(body + 6)].elementsEqual([0x45, 0x78, 0x69, 0x66, 0, 0]) {
                return orientation(in: jpeg, tiff: body + 6, end: min(jpeg.count, offset + 2 + length)) ?? 1
            }
            offset += 2 + length
        }
        return 1
    }

    private static func orientation(in bytes: [UInt8], tiff: Int, end: Int) -> Int? {
        guard tiff + 8 <= end else { return nil }
        let little = bytes[tiff] == 0x49
        func u16(_ at: Int) -> Int? {
            guard at + 2 <= end else { return nil }
            return little ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : Int(bytes[at]) << 8 | Int(bytes[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let high = u16(little ? at + 2 : at), let low = u16(little ? at : at + 2) else { return nil }
            return high << 16 | low
        }
        guard let ifd = u32(tiff + 4), let count = u16(tiff + ifd) else { return nil }
        for entry in 0..<min(count, 64) {
            let at = tiff + ifd + 2 + entry * 12
            guard let tag = u16(at) else { return nil }
            if tag == 0x0112, let value = u16(at + 8), (1...8).contains(value) { return value }
        }
        return nil
    }

    /// Turns the decoded pixels upright, as the tag says a viewer shows them.
    static func apply(_ orientation: Int, to image: RGBImage) -> RGBImage {
        switch orientation {
        case 2: image.mirrored()
        case 3: image.rotated(quarterTurns: 2)
        case 4: image.rotated(quarterTurns: 2).mirrored()
        case 5: image.rotated(quarterTurns: 1).mirrored()
        case 6: image.rotated(quarterTurns: 1)
        case 7: image.rotated(quarterTurns: 3).mirrored()
        case 8: image.rotated(quarterTurns: 3)
        default: image
        }
    }
}
