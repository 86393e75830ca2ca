import Foundation
import Intake
import Logging
import MIME
import MailTransport
import Store

/// A mail queued in the store (an acknowledgement, an officer's reply), sent at most once:
/// claimed in SQLite before the send, finished after it. If the daemon dies in between,
/// the claim stays and the mail is not sent again.
struct QueuedMail: Sendable {
    var recipient: String
    var subject: String
    var text: String
    var inReplyTo: String?
    var references: [String]
    /// RFC 3834: "auto-replied" for acknowledgements, "no" for the officer's own reply.
    var autoSubmitted: String
}

public struct QueuedMailSender: Sendable {
    public var smtp: any MailSending
    public var from: MailAddress
    public var office: OfficeProfile
    public var quota: SendingQuota
    public var clock: any WallClock

    public init(smtp: any MailSending, from: MailAddress, office: OfficeProfile, quota: SendingQuota, clock: any WallClock) {
        self.smtp = smtp
        self.from = from
        self.office = office
        self.quota = quota
        self.clock = clock
    }

    enum Outcome {
        case sent
        case failed(String)
        case skipped, quotaReached
    }

    func send(_ mail: QueuedMail, claim: (String) throws -> Bool, finish: (_ sent: Bool, _ error: String?) throws -> Void) async throws
        -> Outcome
    {
        try Task.checkCancellation()
        guard try quota.allows(at: clock.now()) else { return .quotaReached }  // the rest in the next cycle
        let outgoingID = OutgoingMessage.makeMessageID(domain: from.messageIDDomain)
        var message = OutgoingMessage(
            from: from, to: [MailAddress(address: mail.recipient)], subject: mail.subject,
            textBody: mail.text, htmlBody: TextToHTML.render(mail.text), date: clock.now(),
            timeZone: office.timeZone, messageID: outgoingID)
        message.inReplyTo = mail.inReplyTo
        message.references = mail.references
        message.autoSubmitted = mail.autoSubmitted
        let bytes: [UInt8]
        do {
            bytes = try message.render()
        } catch {
            try finish(false, "\(error)")
            return .failed("\(error)")
        }
        guard try claim(outgoingID) else { return .skipped }
        let error = await smtp.send(bytes, from: from.address, to: [mail.recipient]).first?.error.map { "\($0)" }
        try finish(error == nil, error)
        return error.map(Outcome.failed) ?? .sent
    }
}
