import Foundation
import MIME
import Store

/// How a stored attachment goes to the browser. PDFs and the image formats every browser
/// shows open inline; everything else downloads. The type is decided from the file's own
/// first bytes, never from the sender's Content-Type or name, so an HTML file sent as
/// "scan.pdf" is served as bytes to save, never as a page.
enum AttachmentDelivery {
    struct Decision: Equatable {
        var contentType: String
        var inline: Bool
    }

    static func decide(kind: FileKind, head: [UInt8]) -> Decision {
        func starts(_ magic: [UInt8]) -> Bool { head.count >= magic.count && Array(head.prefix(magic.count)) == magic }
        if FileKind.pdfs.contains(kind), starts(Array("%PDF-".utf8)) {
            return Decision(contentType: "application/pdf", inline: true)
        }
        if kind == .image {
            if starts([0xFF, 0xD8, 0xFF]) { return Decision(contentType: "image/jpeg", inline: true) }
            if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return Decision(contentType: "image/png", inline: true) }
            if starts(Array("GIF8".utf8)) { return Decision(contentType: "image/gif", inline: true) }
            if starts(Array("RIFF".utf8)), head.count >= 12, Array(head[8..<12]) == Array("WEBP".utf8) {
                return Decision(contentType: "image/webp", inline: true)
            }
        }
        return Decision(contentType: "application/octet-stream", inline: false)
    }

    /// From what is known without reading the file (for the links on a page).
    static func showsInline(_ file: StoredAttachment) -> Bool {
        switch file.kind {
        case .scanPDF, .textPDF: true
        case .image:
            ["image/jpeg", "image/png", "image/gif", "image/webp"].contains(file.contentType.lowercased())
                || [".jpg", ".jpeg", ".png", ".gif", ".webp"].contains { file.filename.lowercased().hasSuffix($0) }
        default: false
        }
    }

    static func kindLabel(_ kind: FileKind) -> String {
        switch kind {
        case .scanPDF: "PDF bản scan"
        case .textPDF: "PDF văn bản"
        case .image: "ảnh"
        case .office: "tệp Word/Excel"
        case .archive: "tệp nén"
        case .other: "tệp khác"
        }
    }

    /// RFC 6266: an ASCII fallback name plus the exact UTF-8 name.
    static func contentDisposition(inline: Bool, filename: String) -> String {
        let ascii = String(
            filename.precomposedStringWithCanonicalMapping.folding(options: .diacriticInsensitive, locale: nil)
                .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
                .unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = FormData.percentEncode(filename)
        return "\(inline ? "inline" : "attachment"); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// Whatever the file, the browser runs nothing from it and lets it reach nothing.
    static let policy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
}
