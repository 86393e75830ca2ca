import CTesseract

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libtesseract's C API, opened at first use rather than linked.
///
/// Debian's Tesseract runs its LSTM on OpenMP threads, which on a small server busy with
/// other work cost twice the CPU and 2.5× the time of one thread. The OpenMP runtime reads
/// `OMP_THREAD_LIMIT` once, when it is loaded; linked, it would be loaded before `main`.
/// Opened here, it is loaded after the limit is set. A machine without Tesseract still runs
/// the check; only the reading is off, and `unavailable` says why.
struct TesseractLibrary: @unchecked Sendable {
    typealias Handle = OpaquePointer
    let create: @convention(c) () -> Handle?
    let delete: @convention(c) (Handle?) -> Void
    let initialise: @convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let setVariable: @convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let setPageSegMode: @convention(c) (Handle?, TessPageSegMode) -> Void
    let setImage: @convention(c) (Handle?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32) -> Void
    let setSourceResolution: @convention(c) (Handle?, Int32) -> Void
    let recognize: @convention(c) (Handle?, OpaquePointer?) -> Int32
    let clear: @convention(c) (Handle?) -> Void
    let getIterator: @convention(c) (Handle?) -> OpaquePointer?
    let iteratorDelete: @convention(c) (OpaquePointer?) -> Void
    let iteratorNext: @convention(c) (OpaquePointer?, TessPageIteratorLevel) -> Int32
    let iteratorText: @convention(c) (OpaquePointer?, TessPageIteratorLevel) -> UnsafeMutablePointer<CChar>?
    let iteratorConfidence: @convention(c) (OpaquePointer?, TessPageIteratorLevel) -> Float
    let pageIterator: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let isAtBeginningOf: @convention(c) (OpaquePointer?, TessPageIteratorLevel) -> Int32
    let boundingBox:
        @convention(c) (
            OpaquePointer?, TessPageIteratorLevel, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?,
            UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
        ) -> Int32
    let deleteText: @convention(c) (UnsafePointer<CChar>?) -> Void
    let monitorCreate: @convention(c) () -> OpaquePointer?
    let monitorDelete: @convention(c) (OpaquePointer?) -> Void
    let monitorSetDeadline: @convention(c) (OpaquePointer?, Int32) -> Void
    let version: @convention(c) () -> UnsafePointer<CChar>?

    /// The library, or why it could not be opened.
    static let shared: Result<TesseractLibrary, TesseractUnavailable> = open()

    private static func open() -> Result<TesseractLibrary, TesseractUnavailable> {
        // Before the first dlopen of libgomp; an operator's own setting wins.
        setenv("OMP_THREAD_LIMIT", "1", 0)
        guard let library = dlopen("libtesseract.so.5", RTLD_NOW | RTLD_LOCAL) else {
            let detail = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(TesseractUnavailable("libtesseract could not be opened (\(detail)); install tesseract-ocr-vie"))
        }
        // Leptonica, which Tesseract draws with, prints its complaints about odd images to
        // stderr; the daemon's log is no place for them (L_SEVERITY_NONE).
        if let quiet = dlsym(library, "setMsgSeverity") {
            _ = unsafeBitCast(quiet, to: (@convention(c) (Int32) -> Int32).self)(6)
        }
        func symbol<T>(_ name: String, as type: T.Type) throws(TesseractUnavailable) -> T {
            guard let address = dlsym(library, name) else {
                throw TesseractUnavailable("libtesseract has no \(name); Tesseract 5 is needed")
            }
            return unsafeBitCast(address, to: type)
        }
        do throws(TesseractUnavailable) {
            return .success(
                TesseractLibrary(
                    create: try symbol("TessBaseAPICreate", as: (@convention(c) () -> Handle?).self),
                    delete: try symbol("TessBaseAPIDelete", as: (@convention(c) (Handle?) -> Void).self),
                    initialise: try symbol(
                        "TessBaseAPIInit3", as: (@convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
                    setVariable: try symbol(
                        "TessBaseAPISetVariable",
                        as: (@convention(c) (Handle?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
                    setPageSegMode: try symbol(
                        "TessBaseAPISetPageSegMode", as: (@convention(c) (Handle?, TessPageSegMode) -> Void).self),
                    setImage: try symbol(
                        "TessBaseAPISetImage",
                        as: (@convention(c) (Handle?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32) -> Void).self),
                    setSourceResolution: try symbol(
                        "TessBaseAPISetSourceResolution", as: (@convention(c) (Handle?, Int32) -> Void).self),
                    recognize: try symbol("TessBaseAPIRecognize", as: (@convention(c) (Handle?, OpaquePointer?) -> Int32).self),
                    clear: try symbol("TessBaseAPIClear", as: (@convention(c) (Handle?) -> Void).self),
                    getIterator: try symbol("TessBaseAPIGetIterator", as: (@convention(c) (Handle?) -> OpaquePointer?).self),
                    iteratorDelete: try symbol("TessResultIteratorDelete", as: (@convention(c) (OpaquePointer?) -> Void).self),
                    iteratorNext: try symbol(
                        "TessResultIteratorNext", as: (@convention(c) (OpaquePointer?, TessPageIteratorLevel) -> Int32).self),
                    iteratorText: try symbol(
                        "TessResultIteratorGetUTF8Text",
                        as: (@convention(c) (OpaquePointer?, TessPageIteratorLevel) -> UnsafeMutablePointer<CChar>?).self),
                    iteratorConfidence: try symbol(
                        "TessResultIteratorConfidence", as: (@convention(c) (OpaquePointer?, TessPageIteratorLevel) -> Float).self),
                    pageIterator: try symbol(
                        "TessResultIteratorGetPageIteratorConst", as: (@convention(c) (OpaquePointer?) -> OpaquePointer?).self),
                    isAtBeginningOf: try symbol(
                        "TessPageIteratorIsAtBeginningOf",
                        as: (@convention(c) (OpaquePointer?, TessPageIteratorLevel) -> Int32).self),
                    boundingBox: try symbol(
                        "TessPageIteratorBoundingBox",
                        as: (@convention(c) (
                            OpaquePointer?, TessPageIteratorLevel, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?,
                            UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
                        ) -> Int32).self),
                    deleteText: try symbol("TessDeleteText", as: (@convention(c) (UnsafePointer<CChar>?) -> Void).self),
                    monitorCreate: try symbol("TessMonitorCreate", as: (@convention(c) () -> OpaquePointer?).self),
                    monitorDelete: try symbol("TessMonitorDelete", as: (@convention(c) (OpaquePointer?) -> Void).self),
                    monitorSetDeadline: try symbol(
                        "TessMonitorSetDeadlineMSecs", as: (@convention(c) (OpaquePointer?, Int32) -> Void).self),
                    version: try symbol("TessVersion", as: (@convention(c) () -> UnsafePointer<CChar>?).self)))
        } catch {
            return .failure(error)
        }
    }
}

/// Why text is not read on this machine, for the operator.
public struct TesseractUnavailable: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
