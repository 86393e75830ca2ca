/// The IMAP server answered, in step, but not as asked: it refused a command, or left out
/// what the command was for. Unlike a `CurlError` the connection is still good, and
/// retrying at once will not help.
public struct IMAPProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A tagged NO or BAD.
        case refused
        /// A FETCH completed OK without the message (expunged meanwhile?).
        case missingMessage
        /// An EXAMINE (or STATUS) completed OK without saying UIDVALIDITY or UIDNEXT.
        case missingStatus
        /// A response line longer than the reader's buffer: the server is not speaking IMAP.
        case lineTooLong
    }

    public var kind: Kind
    /// What the server said, or what was missing, for the log and the health page.
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { detail }
}
