/// A leaf part of a message that is not one of its files, and why: every leaf is either an
/// attachment or one of these, so nothing a school sent is invisible (`thidua inspect
/// --json` lists them as `ignored`, the dashboard under the files).
public struct IgnoredPart: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Codable {
        /// The text or HTML the sender wrote.
        case body
        /// A small inline image the HTML body shows (a signature logo).
        case logo
        /// A delivery or read report: the mail system's, not the sender's.
        case report
        /// Inside a part nested deeper than the parser goes.
        case tooDeep = "too-deep"
        /// Over a size or count limit.
        case limit
    }

    public var filename: String?
    public var contentType: String
    /// Decoded bytes (for `too-deep`, the part as it came).
    public var size: Int
    public var sha256: String
    public var reason: Reason

    enum CodingKeys: String, CodingKey {
        case filename, size, sha256, reason
        case contentType = "content_type"
    }

    public init(filename: String?, contentType: String, bytes: [UInt8], reason: Reason) {
        self.filename = filename
        self.contentType = contentType
        size = bytes.count
        sha256 = SHA256Hasher.hex(of: bytes)
        self.reason = reason
    }
}
