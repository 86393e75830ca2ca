/// A failure as the store keeps it: a code the pages and reports can word for the officer
/// (in Vietnamese, whatever the server said), and the message as it came, for whoever
/// mends it.
public struct StoredError: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable, CaseIterable {
        /// The server refused the recipient or the message for good (SMTP 5xx).
        case refused
        /// The server refused for now (SMTP 4xx).
        case deferred
        /// The server could not be reached, or stopped answering.
        case unreachable
        /// The login was refused (password, app password, OAuth2 grant).
        case login
        /// The server's certificate did not verify.
        case certificate
        /// The message could not be composed (a header that cannot be encoded).
        case compose
        /// The IMAP server answered, but not as asked.
        case protocolError = "protocol"
        case other
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
