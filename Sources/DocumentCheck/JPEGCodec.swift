import CTurboJPEG

/// JPEG decoding and encoding through TurboJPEG: scans decoded straight at reduced scale
/// (1/8 to 1/2, most of the IDCT skipped), thumbnails encoded.
enum JPEGCodec {
    struct Header {
        let width: Int
        let height: Int
        /// `TJCS_*`: grey, YCbCr, CMYK, …
        let colorspace: Int32
        var isColour: Bool { colorspace != Int32(TJCS_GRAY.rawValue) }
    }

    static func header(_ jpeg: [UInt8]) throws(DecodeError) -> Header {
        guard let handle = tjInitDecompress() else { throw DecodeError("TurboJPEG could not start") }
        defer { tjDestroy(handle) }
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        guard tjDecompressHeader3(handle, jpeg, UInt(jpeg.count), &width, &height, &subsampling, &colorspace) == 0,
            width > 0, height > 0
        else { throw DecodeError("not a readable JPEG: \(String(cString: tjGetErrorStr2(handle)))") }
        return Header(width: Int(width), height: Int(height), colorspace: colorspace)
    }

    /// Decodes at the smallest of TurboJPEG's scales whose long side still reaches
    /// `longSide`, as RGB. A CMYK JPEG (Adobe's inverted form, as scanners and Photoshop
    /// write it) is converted here.
    static func decode(_ jpeg: [UInt8], header: Header, longSide: Int) throws(DecodeError) -> RGBImage {
        guard let handle = tjInitDecompress() else { throw DecodeError("TurboJPEG could not start") }
        defer { tjDestroy(handle) }
        var (num, denom) = (1, 1)
        for (n, d) in [(1, 8), (1, 4), (1, 2)]
        where max(thidua_tj_scaled(Int32(header.width), Int32(n), Int32(d)), thidua_tj_scaled(Int32(header.height), Int32(n), Int32(d)))
            >= longSide
        {
            (num, denom) = (n, d)
            break
        }
        let width = Int(thidua_tj_scaled(Int32(header.width), Int32(num), Int32(denom)))
        let height = Int(thidua_tj_scaled(Int32(header.height), Int32(num), Int32(denom)))
        let cmyk = header.colorspace == Int32(TJCS_CMYK.rawValue) || header.colorspace == Int32(TJCS_YCCK.rawValue)
        let channels = cmyk ? 4 : 3
        var out = [UInt8](repeating: 0, count: width * height * channels)
        let status = tjDecompress2(
            handle, jpeg, UInt(jpeg.count), &out, Int32(width), 0, Int32(height),
            Int32((cmyk ? TJPF_CMYK : TJPF_RGB).rawValue), TJFLAG_FASTDCT)
        // A truncated scan decodes with a warning and a grey bottom: still worth looking at.
        if status != 0, tjGetErrorCode(handle) == Int32(TJERR_FATAL.rawValue) {
            throw DecodeError("the JPEG data is damaged: \(String(cString: tjGetErrorStr2(handle)))")
        }
        guard cmyk else { return RGBImage(width: width, height: height, pixels: out) }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for index in 0..<(width * height) {
            let k = Int(out[index * 4 + 3])
            for channel in 0..<3 { rgb[index * 3 + channel] = UInt8(Int(out[index * 4 + channel]) * k / 255) }
        }
        return RGBImage(width: width, height: height, pixels: rgb)
    }

    /// A baseline JPEG of the image (4:2:0), for thumbnails.
    static func encode(_ image: RGBImage, quality: Int = 72) -> [UInt8]? {
        guard let handle = tjInitCompress() else { return nil }
        defer { tjDestroy(handle) }
        var buffer: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            tjCompress2(
                handle, pixels.baseAddress, Int32(image.width), 0, Int32(image.height), Int32(TJPF_RGB.rawValue),
                &buffer, &size, Int32(TJSAMP_420.rawValue), Int32(quality), 0)
        }
        defer { tjFree(buffer) }
        guard status == 0, let buffer else { return nil }
        return Array(UnsafeBufferPointer(start: buffer, count: Int(size)))
    }

    /// The JFIF header's density in dots per inch, when it gives a plausible one.
    static func density(_ jpeg: [UInt8]) -> Double? {
        guard jpeg.count > 18, jpeg[2] == 0xFF, jpeg[3] == 0xE0, jpeg[6..<11].elementsEqual(Array("JFIF\0".utf8)) else { return nil }
        let units = jpeg[13]
        let x = Double(Int(jpeg[14]) << 8 | Int(jpeg[15]))
        let dpi = units == 1 ? x : units == 2 ? x * 2.54 : 0
        return (50...1200).contains(dpi) ? dpi : nil
    }
}
