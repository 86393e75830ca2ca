import PDFStructure

/// What a file is, judged from its bytes rather than its name (schools rename files, and
/// phones call everything "image.jpg").
public enum FileKind: String, Sendable, Codable, CaseIterable {
    /// A PDF whose pages are pictures: what a scanner or a phone scan app produces.
    case scanPDF = "scan-pdf"
    /// A PDF made from a document, with text rather than page images: not a stamped scan.
    case textPDF = "pdf-text"
    case image
    case office
    case archive
    case other

    /// PDFs, scanned or not: a browser shows them inline.
    public static let pdfs: Set<FileKind> = [.scanPDF, .textPDF]
    /// What a campaign accepts as a proper submission unless it says otherwise: a scan,
    /// as a PDF or as a photo of the page.
    public static let scans: Set<FileKind> = [.scanPDF, .image]

    public static func detect(_ bytes: [UInt8]) -> FileKind {
        let head = bytes.prefix(16)
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<(offset + magic.count)]) == magic
        }
        if starts([0xFF, 0xD8, 0xFF]) || starts([0x89, 0x50, 0x4E, 0x47]) || starts(Array("GIF8".utf8))
            || starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
            || starts(Array("ftypheic".utf8), at: 4) || starts(Array("ftypheix".utf8), at: 4)
            || starts(Array("ftypmif1".utf8), at: 4) || starts(Array("ftypavif".utf8), at: 4)
            || (starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8))
        {
            return .image
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .office }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            return isOfficeZip(bytes) ? .office : .archive
        }
        if starts(Array("Rar!".utf8)) || starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) || starts([0x1F, 0x8B]) {
            return .archive
        }
        // Some generators put junk before the header; readers accept it within 1 KiB. Checked
        // after the container formats, whose members may themselves be stored PDFs.
        if bytes.prefix(1024).firstRange(of: Array("%PDF-".utf8), from: 0) != nil {
            return pdfKind(bytes)
        }
        return .other
    }

    /// A PDF's kind from its structure, as qpdf reads it (object streams, repair and all).
    /// One that opens without pages, or not at all (damaged, or locked by a password), is
    /// `other`: nothing in it can be shown to be a document. The document check says why.
    private static func pdfKind(_ bytes: [UInt8]) -> FileKind {
        let kind = try? PDFDocument.withDocument(in: bytes) { document in
            document.pageCount == 0 ? FileKind.other : document.looksScanned ? .scanPDF : .textPDF
        }
        return kind ?? .other
    }

    /// OOXML and OpenDocument files are zip archives; their first entries give them away.
    private static func isOfficeZip(_ bytes: [UInt8]) -> Bool {
        let window = bytes.prefix(64 * 1024)
        let markers = ["word/", "xl/", "ppt/", "[Content_Types].xml", "mimetypeapplication/vnd.oasis.opendocument"]
        return markers.contains { window.firstRange(of: Array($0.utf8), from: 0) != nil }
    }
}
