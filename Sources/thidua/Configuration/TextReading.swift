import DocumentCheck
import DocumentReading
import Foundation
import Logging

/// The OCR reader for the check, or nil (said once, on stderr or in the log) on a machine
/// without Tesseract's Vietnamese data: the check still runs, it only reads nothing.
enum TextReading {
    /// One recogniser for the process: its pool keeps the loaded models across reloads.
    private static let recogniser = Result { () throws(TesseractUnavailable) in try TextRecogniser() }

    /// For `thidua check`: Tesseract's version, or why scans cannot be read here.
    static var status: Result<String, TesseractUnavailable> { recogniser.map(\.version) }

    static func reader(names: [String], logger: Logger? = nil) -> (any DocumentTextReading)? {
        switch recogniser {
        case .success(let recogniser):
            return ScanReader(recogniser: recogniser, names: names)
        case .failure(let error):
            let message = "scans are checked but not read: \(error)"
            if let logger {
                logger.warning("\(message)")
            } else {
                FileHandle.standardError.write(Data("thidua: \(message)\n".utf8))
            }
            return nil
        }
    }
}
