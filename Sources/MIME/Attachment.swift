/// A file found in a message, decoded, with the name its sender gave it.
public struct Attachment: Sendable {
    /// NFC-normalised display name; never use it as a path (see `SafeFilename`).
    public var filename: String
    public var contentType: String
    public var data: [UInt8]
    public var sha256: String
    public var kind: FileKind
    public var isInline: Bool
    /// The entries of a zip archive (or of a docx/xlsx, which are zips), listed, not extracted.
    public var members: [ArchiveMember]

    /// The decoded size, kept when `data` is handed back (`DecodeBuffers.recycle`): what
    /// is decided about a message needs its files' sizes, not their bytes.
    public let size: Int

    public init(filename: String, contentType: String, data: [UInt8], isInline: Bool) {
        // Control characters (CR, LF, NUL…) are dropped even for display: they would break
        // a log line, a CSV cell or a header. Everything else is shown as the sender wrote it.
        self.filename = String(String.UnicodeScalarView(filename.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        self.contentType = contentType
        self.data = data
        self.size = data.count
        self.sha256 = SHA256Hasher.hex(of: data)
        self.kind = FileKind.detect(data)
        self.isInline = isInline
        self.members = (kind == .archive || kind == .office) ? (ZipListing.members(of: data) ?? []) : []
    }
}
