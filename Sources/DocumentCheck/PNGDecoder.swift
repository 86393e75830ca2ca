import CSpng

/// PNG decoding through libspng, row by row, each row folded into the reduced picture at
/// once: a large screenshot or scan never sits in memory at full size.
enum PNGDecoder {
    struct Result {
        var image: RGBImage
        var isColour: Bool
        var width: Int
        var height: Int
        var dpi: Double?
    }

    static func decode(_ png: [UInt8], limits: CheckLimits, longSide: Int = WorkingSize.longSide) throws(DecodeError) -> Result {
        guard let context = spng_ctx_new(0) else { throw DecodeError("libspng could not start") }
        defer { spng_ctx_free(context) }
        var status = png.withUnsafeBytes { spng_set_png_buffer(context, $0.baseAddress, $0.count) }
        spng_set_image_limits(context, 1 << 20, 1 << 20)
        spng_set_chunk_limits(context, 64 << 20, 64 << 20)
        var header = spng_ihdr()
        if status == 0 { status = spng_get_ihdr(context, &header) }
        guard status == 0 else { throw DecodeError("not a readable PNG: \(String(cString: spng_strerror(status)))") }
        let width = Int(header.width)
        let height = Int(header.height)
        guard width * height <= limits.pixelsPerPage else {
            throw DecodeError("the image has \(width * height) pixels, over the limit of \(limits.pixelsPerPage)")
        }
        let isColour =
            header.color_type != UInt8(SPNG_COLOR_TYPE_GRAYSCALE.rawValue)
            && header.color_type != UInt8(SPNG_COLOR_TYPE_GRAYSCALE_ALPHA.rawValue)
        let image =
            try header.interlace_method == 0
            ? progressive(context, width: width, height: height, longSide: longSide)
            : whole(context, width: width, height: height, longSide: longSide)
        var phys = spng_phys()
        var dpi: Double?
        if spng_get_phys(context, &phys) == 0, phys.unit_specifier == 1 {
            let value = Double(phys.ppu_x) * 0.0254
            if (50...1200).contains(value) { dpi = value }
        }
        return Result(image: image, isColour: isColour, width: width, height: height, dpi: dpi)
    }

    private static func progressive(_ context: OpaquePointer, width: Int, height: Int, longSide: Int) throws(DecodeError) -> RGBImage {
        var status = spng_decode_image(
            context, nil, 0, Int32(SPNG_FMT_RGB8.rawValue), Int32(SPNG_DECODE_TRNS.rawValue | SPNG_DECODE_PROGRESSIVE.rawValue))
        guard status == 0 else { throw DecodeError("the PNG could not be decoded: \(String(cString: spng_strerror(status)))") }
        var reducer = RowReducer(width: width, height: height, longSide: longSide)
        var row = [UInt8](repeating: 0, count: width * 3)
        for y in 0..<height {
            status = row.withUnsafeMutableBytes { spng_decode_row(context, $0.baseAddress, $0.count) }
            guard status == 0 || status == Int32(SPNG_EOI.rawValue) else {
                // A truncated file: keep what arrived, as a viewer would show it.
                if y < height / 2 { throw DecodeError("the PNG data is damaged: \(String(cString: spng_strerror(status)))") }
                break
            }
            row.withUnsafeBufferPointer { reducer.add(row: $0, y: y) }
            if status == Int32(SPNG_EOI.rawValue) { break }
        }
        return reducer.image
    }

    private static func whole(_ context: OpaquePointer, width: Int, height: Int, longSide: Int) throws(DecodeError) -> RGBImage {
        var size = 0
        var status = spng_decoded_image_size(context, Int32(SPNG_FMT_RGB8.rawValue), &size)
        guard status == 0, size == width * height * 3 else { throw DecodeError("the PNG could not be decoded") }
        var pixels = [UInt8](repeating: 0, count: size)
        status = pixels.withUnsafeMutableBytes {
            spng_decode_image(context, $0.baseAddress, $0.count, Int32(SPNG_FMT_RGB8.rawValue), Int32(SPNG_DECODE_TRNS.rawValue))
        }
        guard status == 0 else { throw DecodeError("the PNG could not be decoded: \(String(cString: spng_strerror(status)))") }
        return RGBImage(width: width, height: height, pixels: pixels).reduced(toLongSide: longSide)
    }
}
