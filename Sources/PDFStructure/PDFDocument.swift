import CQPDF

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A PDF's structure as qpdf reads it: its pages, their boxes, rotation, fonts and images,
/// and whether it carries a digital signature field.
///
/// qpdf does the parsing, including cross-reference streams, object streams and the repair
/// of damaged files, none of which a byte scan for `/Type /Page` can see. qpdf does not copy
/// the bytes it reads from, so a document either owns a copy of them (`init(bytes:)`) or is
/// lent them for one look (`withDocument(in:_:)`). It is neither copyable nor `Sendable`:
/// open it, read what is needed, let it go.
public final class PDFDocument {
    private var qpdf: qpdf_data?
    /// The copy qpdf reads from, when the document owns one.
    private let ownedBytes: UnsafeMutableRawBufferPointer?

    /// Whether the file is encrypted (it opened, so with an empty user password).
    public let isEncrypted: Bool
    public let pageCount: Int

    /// Opens a PDF held in memory, keeping a copy of its bytes for as long as it lives.
    ///
    /// - Throws: `PDFError.needsPassword` for a file that opens only with a password,
    ///   `PDFError.unreadable` for one qpdf cannot make sense of even after repair.
    public convenience init(bytes: some Collection<UInt8>) throws(PDFError) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        copy.copyBytes(from: bytes)
        do {
            try self.init(reading: UnsafeRawBufferPointer(rebasing: copy[..<bytes.count]), owning: copy)
        } catch {
            copy.deallocate()
            throw error
        }
    }

    /// Opens a PDF in `bytes` without copying them, for a look that ends with `body`. Intake
    /// asks every attached PDF for its kind, and a copy of a 20 MB scan would cost more than
    /// qpdf's own reading of it. The document must not escape `body`.
    public static func withDocument<Result>(
        in bytes: [UInt8], _ body: (PDFDocument) -> Result
    ) throws(PDFError) -> Result {
        let opened: Swift.Result<Result, PDFError> = bytes.withUnsafeBytes { buffer in
            do throws(PDFError) {
                let document = try PDFDocument(reading: buffer, owning: nil)
                return .success(body(document))
            } catch {
                return .failure(error)
            }
        }
        return try opened.get()
    }

    private init(reading bytes: UnsafeRawBufferPointer, owning copy: UnsafeMutableRawBufferPointer?) throws(PDFError) {
        ownedBytes = copy
        guard let start = bytes.baseAddress, !bytes.isEmpty else { throw .unreadable("the file is empty") }
        let q = thidua_qpdf_init()
        qpdf = q
        // Errors are read from return codes here, never printed to the daemon's stderr.
        thidua_qpdf_silence_errors(q)
        thidua_qpdf_set_suppress_warnings(q, QPDF_TRUE)
        let status = thidua_qpdf_read_memory(q, "attachment", start.assumingMemoryBound(to: CChar.self), UInt64(bytes.count), nil)
        if status & QPDF_ERRORS != 0 {
            let error = Self.message(q)
            thidua_qpdf_cleanup(&qpdf)
            throw error.contains("password") ? .needsPassword : .unreadable(error)
        }
        isEncrypted = thidua_qpdf_is_encrypted(q) != QPDF_FALSE
        // /MediaBox, /Rotate and /Resources may sit on a parent /Pages node.
        _ = thidua_qpdf_push_inherited_attributes_to_page(q)
        let pages = thidua_qpdf_get_num_pages(q)
        if thidua_qpdf_has_error(q) != QPDF_FALSE || pages < 0 {
            let error = Self.message(q)
            thidua_qpdf_cleanup(&qpdf)
            throw .unreadable(error)
        }
        pageCount = Int(pages)
    }

    deinit {
        thidua_qpdf_cleanup(&qpdf)
        ownedBytes?.deallocate()
    }

    /// One page (0-based), with the images drawn on it.
    public func page(_ index: Int) -> PDFPage {
        let q = qpdf!
        let page = thidua_qpdf_get_page_n(q, index)
        let mediaBox = rectangle(thidua_qpdf_oh_get_key(q, page, "/MediaBox")) ?? PDFRect(x: 0, y: 0, width: 612, height: 792)
        let cropBox = rectangle(thidua_qpdf_oh_get_key(q, page, "/CropBox"))
        let rotate = Int(thidua_qpdf_oh_get_int_value_as_int(q, thidua_qpdf_oh_get_key(q, page, "/Rotate")))
        let resources = thidua_qpdf_oh_get_key(q, page, "/Resources")
        var images: [PDFImage] = []
        collectImages(in: resources, into: &images, depth: 0)
        let fonts = thidua_qpdf_oh_get_key(q, resources, "/Font")
        let hasFonts = thidua_qpdf_oh_is_dictionary(q, fonts) != QPDF_FALSE && !keys(of: fonts).isEmpty
        clearError()
        return PDFPage(
            index: index, box: cropBox.flatMap { $0.area > 0 ? $0 : nil } ?? mediaBox,
            rotation: ((rotate % 360) + 360) % 360, images: images, hasFonts: hasFonts)
    }

    /// Whether the form holds a signature field: the mark of a digitally signed PDF (a
    /// signature appears in `/AcroForm /Fields` as a field of type `/Sig`, maybe as a kid).
    public var hasSignatureField: Bool {
        let q = qpdf!
        let form = thidua_qpdf_oh_get_key(q, thidua_qpdf_get_root(q), "/AcroForm")
        let fields = thidua_qpdf_oh_get_key(q, form, "/Fields")
        defer { clearError() }
        return containsSignature(fields, depth: 0)
    }

    /// An image's stream bytes: as stored (`decoded: false`, e.g. JPEG bytes for
    /// `/DCTDecode`), or run through qpdf's lossless filters (Flate, LZW, ASCII85, …).
    public func data(of image: PDFImage, decoded: Bool) -> [UInt8]? {
        let q = qpdf!
        let stream = thidua_qpdf_get_object_by_id(q, image.objectID, image.generation)
        var filtered: QPDF_BOOL = QPDF_FALSE
        var bytes: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = thidua_qpdf_oh_get_stream_data(
            q, stream, decoded ? qpdf_dl_generalized : qpdf_dl_none, &filtered, &bytes, &length)
        defer { free(bytes) }
        guard status & QPDF_ERRORS == 0, let bytes, !decoded || filtered != QPDF_FALSE else {
            clearError()
            return nil
        }
        return Array(UnsafeBufferPointer(start: bytes, count: length))
    }

    // MARK: - Reading objects

    private func collectImages(in resources: qpdf_oh, into images: inout [PDFImage], depth: Int) {
        let q = qpdf!
        let objects = thidua_qpdf_oh_get_key(q, resources, "/XObject")
        guard thidua_qpdf_oh_is_dictionary(q, objects) != QPDF_FALSE else { return }
        for key in keys(of: objects) where images.count < PDFPage.maximumImages {
            let object = thidua_qpdf_oh_get_key(q, objects, key)
            guard thidua_qpdf_oh_is_stream(q, object) != QPDF_FALSE else { continue }
            let dictionary = thidua_qpdf_oh_get_dict(q, object)
            let subtype = thidua_qpdf_oh_get_key(q, dictionary, "/Subtype")
            if thidua_qpdf_oh_is_name_and_equals(q, subtype, "/Image") != QPDF_FALSE {
                if let image = image(object, dictionary) { images.append(image) }
            } else if thidua_qpdf_oh_is_name_and_equals(q, subtype, "/Form") != QPDF_FALSE, depth < 2 {
                // Some scanners wrap the page image in a form XObject.
                collectImages(in: thidua_qpdf_oh_get_key(q, dictionary, "/Resources"), into: &images, depth: depth + 1)
            }
        }
    }

    private func image(_ object: qpdf_oh, _ dictionary: qpdf_oh) -> PDFImage? {
        let q = qpdf!
        let width = Int(thidua_qpdf_oh_get_int_value_as_int(q, thidua_qpdf_oh_get_key(q, dictionary, "/Width")))
        let height = Int(thidua_qpdf_oh_get_int_value_as_int(q, thidua_qpdf_oh_get_key(q, dictionary, "/Height")))
        guard width > 0, height > 0 else { return nil }
        let isMask = thidua_qpdf_oh_get_bool_value(q, thidua_qpdf_oh_get_key(q, dictionary, "/ImageMask")) != QPDF_FALSE
        let bits = Int(thidua_qpdf_oh_get_int_value_as_int(q, thidua_qpdf_oh_get_key(q, dictionary, "/BitsPerComponent")))
        return PDFImage(
            objectID: thidua_qpdf_oh_get_object_id(q, object), generation: thidua_qpdf_oh_get_generation(q, object),
            width: width, height: height, bitsPerComponent: isMask ? 1 : bits,
            colorSpace: isMask ? .gray : colorSpace(thidua_qpdf_oh_get_key(q, dictionary, "/ColorSpace")),
            filters: names(thidua_qpdf_oh_get_key(q, dictionary, "/Filter")), isMask: isMask)
    }

    private func colorSpace(_ space: qpdf_oh) -> PDFImage.ColorSpace {
        let q = qpdf!
        if thidua_qpdf_oh_is_name(q, space) != QPDF_FALSE {
            switch String(cString: thidua_qpdf_oh_get_name(q, space)) {
            case "/DeviceGray", "/CalGray", "/G": return .gray
            case "/DeviceRGB", "/CalRGB", "/RGB": return .rgb
            case "/DeviceCMYK", "/CMYK": return .cmyk
            default: return .other
            }
        }
        guard thidua_qpdf_oh_is_array(q, space) != QPDF_FALSE, thidua_qpdf_oh_get_array_n_items(q, space) >= 2 else { return .other }
        let family = thidua_qpdf_oh_get_array_item(q, space, 0)
        if thidua_qpdf_oh_is_name_and_equals(q, family, "/ICCBased") != QPDF_FALSE {
            let profile = thidua_qpdf_oh_get_dict(q, thidua_qpdf_oh_get_array_item(q, space, 1))
            switch thidua_qpdf_oh_get_int_value_as_int(q, thidua_qpdf_oh_get_key(q, profile, "/N")) {
            case 1: return .gray
            case 3: return .rgb
            case 4: return .cmyk
            default: return .other
            }
        }
        if thidua_qpdf_oh_is_name_and_equals(q, family, "/Indexed") != QPDF_FALSE { return .indexed }
        if thidua_qpdf_oh_is_name_and_equals(q, family, "/CalRGB") != QPDF_FALSE { return .rgb }
        if thidua_qpdf_oh_is_name_and_equals(q, family, "/CalGray") != QPDF_FALSE { return .gray }
        return .other
    }

    private func containsSignature(_ fields: qpdf_oh, depth: Int) -> Bool {
        let q = qpdf!
        guard depth < 8, thidua_qpdf_oh_is_array(q, fields) != QPDF_FALSE else { return false }
        for index in 0..<min(Int(thidua_qpdf_oh_get_array_n_items(q, fields)), 500) {
            let field = thidua_qpdf_oh_get_array_item(q, fields, Int32(index))
            if thidua_qpdf_oh_is_name_and_equals(q, thidua_qpdf_oh_get_key(q, field, "/FT"), "/Sig") != QPDF_FALSE { return true }
            if containsSignature(thidua_qpdf_oh_get_key(q, field, "/Kids"), depth: depth + 1) { return true }
        }
        return false
    }

    private func rectangle(_ array: qpdf_oh) -> PDFRect? {
        let q = qpdf!
        guard thidua_qpdf_oh_is_array(q, array) != QPDF_FALSE, thidua_qpdf_oh_get_array_n_items(q, array) == 4 else { return nil }
        let v = (0..<4).map { thidua_qpdf_oh_get_numeric_value(q, thidua_qpdf_oh_get_array_item(q, array, Int32($0))) }
        return PDFRect(x: min(v[0], v[2]), y: min(v[1], v[3]), width: abs(v[2] - v[0]), height: abs(v[3] - v[1]))
    }

    private func names(_ object: qpdf_oh) -> [String] {
        let q = qpdf!
        if thidua_qpdf_oh_is_name(q, object) != QPDF_FALSE { return [String(cString: thidua_qpdf_oh_get_name(q, object))] }
        guard thidua_qpdf_oh_is_array(q, object) != QPDF_FALSE else { return [] }
        return (0..<min(Int(thidua_qpdf_oh_get_array_n_items(q, object)), 8)).compactMap { index in
            let item = thidua_qpdf_oh_get_array_item(q, object, Int32(index))
            return thidua_qpdf_oh_is_name(q, item) != QPDF_FALSE ? String(cString: thidua_qpdf_oh_get_name(q, item)) : nil
        }
    }

    private func keys(of dictionary: qpdf_oh) -> [String] {
        let q = qpdf!
        var keys: [String] = []
        thidua_qpdf_oh_begin_dict_key_iter(q, dictionary)
        while thidua_qpdf_oh_dict_more_keys(q) != QPDF_FALSE, keys.count < 1000 {
            keys.append(String(cString: thidua_qpdf_oh_dict_next_key(q)))
        }
        return keys
    }

    /// An object call that failed returned a harmless default (0, false, null); the error is
    /// dropped so that the next status check reports only its own call.
    private func clearError() {
        if let q = qpdf, thidua_qpdf_has_error(q) != QPDF_FALSE { _ = thidua_qpdf_get_error(q) }
    }

    private static func message(_ q: qpdf_data?) -> String {
        guard let q, thidua_qpdf_has_error(q) != QPDF_FALSE, let error = thidua_qpdf_get_error(q),
            let detail = thidua_qpdf_get_error_message_detail(q, error)
        else { return "qpdf could not read the file" }
        return String(cString: detail)
    }
}
