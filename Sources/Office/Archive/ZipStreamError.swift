/// Why the archive writer refused a member or can take nothing more.
public enum ZipStreamError: Error, Equatable, CustomStringConvertible {
    /// The file's length differed between the CRC pass and the sending pass.
    case sizeChanged(path: String, before: UInt64, now: UInt64)
    /// Same length, different bytes: the CRC already sent in the header is wrong.
    case contentChanged(path: String)
    /// Empty, absolute, with a backslash, a "." or ".." component, or over 65535 bytes.
    case invalidName(String)
    /// A member failed after its header was sent, or the archive was finished.
    case unusable

    public var description: String {
        switch self {
        case .sizeChanged(let path, let before, let now):
            "\(path) changed while it was being zipped: \(before) bytes, then \(now)"
        case .contentChanged(let path):
            "\(path) changed while it was being zipped: its bytes differ between the two reads"
        case .invalidName(let name):
            "not a safe member name for a zip archive: \(name.debugDescription)"
        case .unusable:
            "the zip archive can take nothing more: it was finished, or a member failed half-written"
        }
    }
}
