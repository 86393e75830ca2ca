import DocumentCheck
import DocumentReading
import Foundation

/// The OCR reader for the check, or nil (said once on stderr) on a machine without
/// Tesseract's Vietnamese data: the check still runs, it only reads nothing.
enum TextReading {
    static func reader(names: [String]) -> (any DocumentTextReading)? {
        do {
            return ScanReader(recogniser: try TextRecogniser(), names: names)
        } catch {
            FileHandle.standardError.write(Data("thidua: scans are checked but not read: \(error)\n".utf8))
            return nil
        }
    }
}
