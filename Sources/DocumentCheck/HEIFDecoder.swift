import CHeif

/// HEIC/HEIF photos (an iPhone's default) through libheif (opened at the first one), which applies the file's own
/// rotation and mirroring. libheif decodes at full size only; the picture is reduced after.
enum HEIFDecoder {
    struct Result {
        var image: RGBImage
        var width: Int
        var height: Int
    }

    static func decode(_ heif: [UInt8], limits: CheckLimits, longSide: Int = WorkingSize.longSide) throws(DecodeError) -> Result {
        guard thidua_heif_available() != 0 else {
            throw DecodeError("libheif could not be opened, so HEIC photos cannot be read; install libheif1")
        }
        guard let context = thidua_heif_context_alloc() else { throw DecodeError("libheif could not start") }
        defer { thidua_heif_context_free(context) }
        // libheif refuses larger images before allocating them.
        thidua_heif_context_set_maximum_image_size_limit(context, Int32(min(limits.pixelsPerPage, Int(Int32.max))))
        var error = heif_bytes(heif) { thidua_heif_context_read_from_memory_without_copy(context, $0.baseAddress, $0.count, nil) }
        guard error.code == heif_error_Ok else { throw Self.error("not a readable HEIF file", error) }
        var handle: OpaquePointer?
        error = thidua_heif_context_get_primary_image_handle(context, &handle)
        guard error.code == heif_error_Ok, let handle else { throw Self.error("the HEIF file has no image", error) }
        defer { thidua_heif_image_handle_release(handle) }
        let width = Int(thidua_heif_image_handle_get_width(handle))
        let height = Int(thidua_heif_image_handle_get_height(handle))
        guard width > 0, height > 0, width * height <= limits.pixelsPerPage else {
            throw DecodeError("the image has \(width * height) pixels, over the limit of \(limits.pixelsPerPage)")
        }
        var image: OpaquePointer?
        error = thidua_heif_decode_image(handle, &image, heif_colorspace_RGB, heif_chroma_interleaved_RGB, nil)
        guard error.code == heif_error_Ok, let image else { throw Self.error("the HEIF image could not be decoded", error) }
        defer { thidua_heif_image_release(image) }
        var stride: Int32 = 0
        guard let plane = thidua_heif_image_get_plane_readonly(image, heif_channel_interleaved, &stride) else {
            throw DecodeError("the HEIF image has no RGB plane")
        }
        let decodedWidth = Int(thidua_heif_image_get_width(image, heif_channel_interleaved))
        let decodedHeight = Int(thidua_heif_image_get_height(image, heif_channel_interleaved))
        return Result(
            image: reduce(plane, stride: Int(stride), width: decodedWidth, height: decodedHeight, longSide: longSide),
            width: decodedWidth, height: decodedHeight)
    }

    /// Reduces the decoded plane straight into the working picture (no full-size copy).
    private static func reduce(_ plane: UnsafePointer<UInt8>, stride: Int, width: Int, height: Int, longSide: Int) -> RGBImage {
        var reducer = RowReducer(width: width, height: height, longSide: longSide)
        for y in 0..<height { reducer.add(row: UnsafeBufferPointer(start: plane + y * stride, count: width * 3), y: y) }
        return reducer.image
    }

    private static func error(_ what: String, _ error: heif_error) -> DecodeError {
        DecodeError(error.message.map { "\(what): \(String(cString: $0))" } ?? what)
    }
}

private func heif_bytes(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) -> heif_error) -> heif_error {
    bytes.withUnsafeBytes(body)
}
