import Foundation
import TestSupport

/// Raw school mail as a phone or webmail client would send it: multipart/mixed, a
/// Vietnamese subject in RFC 2047, a base64 scan with an RFC 2231 name.
enum SampleMail {
    /// A one-page PDF whose page is only an image, bearing the red seal: what a scanner
    /// produces (`ScanSample`).
    static let scannedPDF: [UInt8] = ScanSample.pdf

    /// A scanned PDF padded to about `size` bytes, as a phone scan of several pages is.
    static func largeScan(size: Int) -> [UInt8] {
        // Filler only: no expectation depends on its bytes, but a rerun gets the same file.
        var generator = SeededGenerator(seed: UInt64(size))
        var bytes = scannedPDF + Array("%".utf8)
        bytes.reserveCapacity(size)
        while bytes.count < size { bytes.append(UInt8.random(in: 32...126, using: &generator)) }
        return bytes + [10]
    }

    static func submission(
        from: String, fromName: String, to: String, subject: String, filename: String, body: String,
        file: [UInt8] = scannedPDF
    ) -> [UInt8] {
        let boundary = "=_school_\(UUID().uuidString)"
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let encodedName = "=?UTF-8?B?\(Data(fromName.utf8).base64EncodedString())?="
        let percentName = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? filename
        let text = """
            From: \(encodedName) <\(from)>
            To: <\(to)>
            Subject: \(encodedSubject)
            Date: \(rfc5322Date())
            Message-ID: <\(UUID().uuidString)@school.test>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="\(boundary)"

            --\(boundary)
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            \(Data(body.utf8).base64EncodedString(options: .lineLength76Characters))
            --\(boundary)
            Content-Type: application/pdf
            Content-Disposition: attachment; filename*=UTF-8''\(percentName)
            Content-Transfer-Encoding: base64

            \(Data(file).base64EncodedString(options: .lineLength76Characters))
            --\(boundary)--

            """
        return Array(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    private static func rfc5322Date() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: Date())
    }
}
