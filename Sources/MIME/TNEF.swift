/// Files inside an Outlook TNEF attachment (`winmail.dat`, `application/ms-tnef`).
///
/// Old Outlook versions wrap every attachment of a "rich text" message in one TNEF blob;
/// without unpacking it the school's scan would be invisible. Only the attachment-level
/// attributes are read: attAttachRendData starts a file, attAttachTitle names it,
/// attAttachData carries its bytes. Lengths are bounds-checked against the blob.
enum TNEF {
    static let signature: UInt32 = 0x223E_9F78
    private static let levelAttachment: UInt8 = 0x02
    private static let attAttachRendData: UInt32 = 0x0006_9002
    private static let attAttachTitle: UInt32 = 0x0001_8010
    private static let attAttachData: UInt32 = 0x0006_800F

    struct File {
        var name: String?
        var data: [UInt8] = []
    }

    static func isTNEF(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 6 && bytes.littleEndianUInt32(at: 0) == signature
    }

    /// What a blob holds: the files read whole, and whether that is every member it
    /// declares (an embedded message or an OLE object has no attAttachData this reader
    /// takes; a cut blob loses what follows the cut).
    struct Listing {
        var files: [File]
        var complete: Bool
    }

    /// The files inside, or nil when the blob is not TNEF or is damaged before any file.
    static func files(in bytes: [UInt8]) -> [File]? {
        listing(of: bytes).flatMap { $0.files.isEmpty ? nil : $0.files }
    }

    /// The blob's members, read as far as they can be; nil when it is not TNEF.
    static func listing(of bytes: [UInt8]) -> Listing? {
        guard isTNEF(bytes) else { return nil }
        var files: [File] = []
        var current: File?
        var truncated = false
        var offset = 6  // signature (4) + legacy key (2)
        while offset + 9 <= bytes.count {
            let level = bytes[offset]
            let id = bytes.littleEndianUInt32(at: offset + 1)
            let length = Int(bytes.littleEndianUInt32(at: offset + 5))
            let start = offset + 9
            guard length >= 0, start + length + 2 <= bytes.count else {
                truncated = true
                break
            }
            if level == levelAttachment {
                let value = Array(bytes[start..<(start + length)])
                switch id {
                case attAttachRendData:
                    if let file = current { files.append(file) }
                    current = File()
                case attAttachTitle:
                    // An 8-bit string in the sender's ANSI code page, NUL-terminated.
                    let raw = Array(value.prefix { $0 != 0 })
                    current?.name = RawHeaderText.decode(raw)
                case attAttachData:
                    current?.data = value
                default:
                    break
                }
            }
            offset = start + length + 2  // value, then a 16-bit checksum
        }
        if let file = current { files.append(file) }
        let readable = files.filter { !$0.data.isEmpty }
        return Listing(files: readable, complete: !truncated && readable.count == files.count)
    }
}
