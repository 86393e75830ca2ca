import Foundation
import Intake
import Logging
import MailTransport
import MIME
import Store

/// Sends the acknowledgements queued at ingest, each at most once: claimed in SQLite
/// before the send, completed after it.
struct AcknowledgementSender: Sendable {
    var store: DataStore
    var smtp: SMTPSender
    var from: MailAddress
    var office: Office
    var quota: SendingQuota
    var clock: any WallClock
    var logger: Logger

    func sendDue() async throws -> Int {
        var sent = 0
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "thidua.invalid"
        for due in try store.dueAcknowledgements() {
            try Task.checkCancellation()
            guard try quota.allows(at: clock.now()) else { break }  // the rest in the next cycle
            let ack = due.acknowledgement
            let outgoingID = OutgoingMessage.makeMessageID(domain: domain)
            var message = OutgoingMessage(from: from, to: [MailAddress(address: ack.recipient)], subject: ack.subject,
                                          textBody: ack.text, htmlBody: TextToHTML.render(ack.text), date: clock.now(),
                                          timeZone: office.timeZone, messageID: outgoingID)
            message.inReplyTo = ack.inReplyTo
            message.references = ack.references
            message.autoSubmitted = "auto-replied"
            let bytes: [UInt8]
            do {
                bytes = try message.render()
            } catch {
                try store.finishAcknowledgement(messageRow: due.messageRow, sent: false, error: "\(error)", at: clock.now())
                continue
            }
            guard try store.claimAcknowledgement(messageRow: due.messageRow, outgoingID: outgoingID, at: clock.now()) else { continue }
            let result = await smtp.send(bytes, from: from.address, to: [ack.recipient]).first
            let error = result?.error.map { "\($0)" }
            try store.finishAcknowledgement(messageRow: due.messageRow, sent: error == nil, error: error, at: clock.now())
            if let error {
                logger.warning("acknowledgement not sent", metadata: ["message": "\(due.messageRow)", "error": "\(error)"])
            } else {
                sent += 1
            }
        }
        return sent
    }
}
