import CTesseract
import Foundation

/// Tesseract with Vietnamese data, kept warm: a handle takes ~0.1 s to load its model, so
/// handles are pooled and reused across files (one per worker thread at most).
public final class TextRecogniser: @unchecked Sendable {
    private let library: TesseractLibrary
    private let language: String
    private let dataPath: String?
    private let lock = NSLock()
    private var idle: [OpaquePointer] = []

    /// Opens Tesseract and loads `language` once, so that a missing library or language data
    /// is reported when the daemon starts, not on the first scan.
    public init(language: String = "vie", dataPath: String? = nil) throws(TesseractUnavailable) {
        self.library = try TesseractLibrary.shared.get()
        self.language = language
        self.dataPath = dataPath
        let handle = try makeHandle()
        idle.append(handle)
    }

    deinit {
        for handle in idle {
            library.delete(handle)
        }
    }

    /// Tesseract's version, for `thidua check` and logs.
    public var version: String { library.version().map { String(cString: $0) } ?? "unknown" }

    /// The lines of text in `image` (grey or bilevel), in reading order, words with their
    /// boxes in `image`'s pixels. Gives up, with what it has, after `seconds`.
    func lines(in image: GreyImage, dpi: Int, seconds: Double) -> [OCRLine] {
        guard image.width >= 16, image.height >= 16, seconds > 0, let handle = checkOut() else { return [] }
        defer { checkIn(handle) }
        let library = library
        library.setPageSegMode(handle, PSM_AUTO)
        image.pixels.withUnsafeBufferPointer { pixels in
            library.setImage(handle, pixels.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        library.setSourceResolution(handle, Int32(dpi))
        let monitor = library.monitorCreate()
        defer { library.monitorDelete(monitor) }
        library.monitorSetDeadline(monitor, Int32(min(seconds, 600) * 1000))
        defer { library.clear(handle) }
        guard library.recognize(handle, monitor) == 0, let iterator = library.getIterator(handle) else { return [] }
        defer { library.iteratorDelete(iterator) }
        return collect(iterator)
    }

    private func collect(_ iterator: OpaquePointer) -> [OCRLine] {
        let library = library
        let page = library.pageIterator(iterator)
        var lines: [OCRLine] = []
        repeat {
            guard let raw = library.iteratorText(iterator, RIL_WORD) else { continue }
            let text = String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
            library.deleteText(raw)
            var (left, top, right, bottom): (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
            guard !text.isEmpty, library.boundingBox(page, RIL_WORD, &left, &top, &right, &bottom) != 0 else { continue }
            let word = OCRWord(
                text: text, box: PixelBox(left: Int(left), top: Int(top), right: Int(right), bottom: Int(bottom)),
                confidence: Double(library.iteratorConfidence(iterator, RIL_WORD)) / 100)
            if library.isAtBeginningOf(page, RIL_TEXTLINE) != 0 || lines.isEmpty {
                lines.append(OCRLine(words: [word]))
            } else {
                lines[lines.count - 1].words.append(word)
            }
        } while library.iteratorNext(iterator, RIL_WORD) != 0
        return lines
    }

    private func checkOut() -> OpaquePointer? {
        if let handle = lock.withLock({ idle.popLast() }) { return handle }
        return try? makeHandle()
    }

    private func checkIn(_ handle: OpaquePointer) {
        lock.withLock { idle.append(handle) }
    }

    private func makeHandle() throws(TesseractUnavailable) -> OpaquePointer {
        guard let handle = library.create() else { throw TesseractUnavailable("Tesseract could not start") }
        // Its warnings ("Estimating resolution", "Empty page") would go to the daemon's stderr.
        _ = library.setVariable(handle, "debug_file", "/dev/null")
        // Print on paper is dark on light: no second pass over each line read inverted.
        _ = library.setVariable(handle, "tessedit_do_invert", "0")
        let status: Int32 =
            if let dataPath { library.initialise(handle, dataPath, language) } else { library.initialise(handle, nil, language) }
        guard status == 0 else {
            library.delete(handle)
            throw TesseractUnavailable(
                "Tesseract has no '\(language)' language data\(dataPath.map { " in \($0)" } ?? ""); install tesseract-ocr-\(language)")
        }
        return handle
    }
}
