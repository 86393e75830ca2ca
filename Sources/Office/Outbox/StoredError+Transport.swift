import MailTransport
import Store

extension StoredError {
    /// The refusals of a send, one line per recipient, coded by the first: nil when every
    /// recipient was accepted.
    init?(refusals: [SMTPSender.RecipientResult]) {
        guard let first = refusals.first?.error else { return nil }
        self.init(
            Self.code(of: first),
            refusals.map { "\($0.recipient): \($0.error.map { "\($0)" } ?? "")" }.joined(separator: "; "))
    }

    /// A failure of the mail servers, coded for the officer; its message as it came.
    public init(_ error: any Error) {
        switch error {
        case let error as CurlError: self.init(Self.code(of: error), error.description)
        case let error as IMAPProtocolError: self.init(.protocolError, error.description)
        default: self.init(.other, "\(error)")
        }
    }

    static func code(of error: CurlError) -> Code {
        if error.isOAuth2 || error.isLoginRefused { return .login }
        if error.isCertificateRefused { return .certificate }
        if error.responseCode >= 500 { return .refused }
        if error.responseCode >= 400 { return .deferred }
        return error.isTransient ? .unreachable : .other
    }
}
