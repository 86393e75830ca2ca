import Foundation

@testable import MIME

/// Small builders for test messages and files, so each test states its input in full.
enum Fixture {
    /// A message written with `\n` line ends, sent with CRLF as on the wire.
    static func crlf(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
    static func base64(_ text: String) -> String { base64(Array(text.utf8)) }

    /// A minimal scanner-style PDF: one page whose content is one image XObject, no font.
    static let scanPDF: [UInt8] = Array(
        """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >> endobj
        4 0 obj << /Type /XObject /Subtype /Image /Width 210 /Height 297 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length 3 >>
        stream
        \u{7F}\u{7F}\u{7F}
        endstream endobj
        5 0 obj << /Length 26 >> stream
        q 595 0 0 842 0 0 cm /Im0 Do Q
        endstream endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """.utf8)

    /// A minimal PDF made from a document: a page with a font and text, no image.
    static let textPDF: [UInt8] = Array(
        """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >> endobj
        4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
        5 0 obj << /Length 44 >> stream
        BT /F1 12 Tf 72 712 Td (Ke hoach thi dua) Tj ET
        endstream endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """.utf8)

    static let png: [UInt8] =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [UInt8](repeating: 7, count: 40)

    static func jpeg(size: Int) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0] + [UInt8](repeating: 0x42, count: max(0, size - 13)) + [0xFF, 0xD9]
    }

    /// A zip local file header naming `entry`, followed by the entry's (stored) bytes.
    static func zip(entry: String, content: String = "x") -> [UInt8] {
        let name = Array(entry.utf8)
        let data = Array(content.utf8)
        var bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        bytes += [0, 0, 0, 0]  // crc-32 (not checked by the detector)
        bytes += le32(data.count) + le32(data.count)
        bytes += [UInt8(name.count & 0xFF), UInt8(name.count >> 8), 0, 0]
        return bytes + name + data
    }

    private static func le32(_ value: Int) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8((value >> 24) & 0xFF)]
    }

    /// uuencodes `data` as `begin 644 name` … `end`, 45 bytes per line.
    static func uuencode(_ data: [UInt8], name: String) -> String {
        func char(_ value: UInt8) -> Character { value == 0 ? "`" : Character(Unicode.Scalar(value + 32)) }
        var lines = ["begin 644 \(name)"]
        var offset = 0
        while offset < data.count {
            let chunk = Array(data[offset..<min(offset + 45, data.count)])
            var line = String(char(UInt8(chunk.count)))
            var index = 0
            while index < chunk.count {
                let b0 = chunk[index]
                let b1 = index + 1 < chunk.count ? chunk[index + 1] : 0
                let b2 = index + 2 < chunk.count ? chunk[index + 2] : 0
                line.append(char(b0 >> 2))
                line.append(char(((b0 & 0x03) << 4) | (b1 >> 4)))
                line.append(char(((b1 & 0x0F) << 2) | (b2 >> 6)))
                line.append(char(b2 & 0x3F))
                index += 3
            }
            lines.append(line)
            offset += 45
        }
        lines.append("`")
        lines.append("end")
        return lines.joined(separator: "\n")
    }

    /// Parses a single part made of `headers` and an empty body, to read its parameters.
    static func entity(headers: String, body: String = "x") -> MIMEEntity {
        MIMEParser().parse(crlf(headers + "\n\n" + body))
    }
}
