import MailTransport

/// Where the outbox hands a rendered message: SMTP in the daemon (`SMTPSender`), a
/// recording fake in the core's tests.
public protocol MailSending: Sendable {
    /// Sends `message` to each of `recipients`; one result per recipient, in order. Never
    /// throws: a refused recipient is a result, so a partial send is recorded as such.
    func send(_ message: [UInt8], from envelopeFrom: String, to recipients: [String]) async -> [SMTPSender.RecipientResult]
}

extension SMTPSender: MailSending {}
