/// A mail server URL as written in the config: `imaps://imap.gmail.com:993/INBOX`,
/// `imap://host:143` (STARTTLS), `smtps://smtp.gmail.com:465`, `smtp://host:587`.
public struct MailServerURL: Sendable, Equatable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// The URL's path without the leading slash: a mailbox for IMAP, unused for SMTP.
    public var path: String

    public enum Invalid: Error, CustomStringConvertible {
        case malformed(String)
        case scheme(String, expected: [String])
        public var description: String {
            switch self {
            case .malformed(let url): "'\(url)' is not a mail server URL; write it like imaps://imap.gmail.com:993/INBOX"
            case .scheme(let url, let expected): "'\(url)' must start with \(expected.map { $0 + "://" }.joined(separator: " or "))"
            }
        }
    }

    public init(_ text: String, schemes: [String]) throws(Invalid) {
        guard let separator = text.range(of: "://") else { throw .malformed(text) }
        scheme = text[..<separator.lowerBound].lowercased()
        guard schemes.contains(scheme) else { throw .scheme(text, expected: schemes) }
        let rest = text[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        path = String(rest.dropFirst(authority.count).drop { $0 == "/" })
        guard !authority.isEmpty, !authority.contains("@") else { throw .malformed(text) }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[...close])
            let after = authority[authority.index(after: close)...]
            port = after.hasPrefix(":") ? Int(after.dropFirst()) : nil
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else {
                throw .malformed(text)
            }
            port = number
        } else {
            host = String(authority)
            port = nil
        }
    }

    /// Whether the scheme itself is TLS (imaps, smtps) rather than STARTTLS or plain.
    public var isImplicitTLS: Bool { scheme.hasSuffix("s") }

    /// `scheme://host:port/` — no path.
    public var serverURL: String { "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")/" }

    public func with(path newPath: String) -> String { serverURL + newPath }

    public var description: String { serverURL + path }
}
