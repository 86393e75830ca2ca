import Foundation
import Logging
import Store

/// Sends the acknowledgements queued at ingest, each at most once.
public struct AcknowledgementSender: Sendable {
    public var store: DataStore
    public var sender: QueuedMailSender
    public var logger: Logger

    public init(store: DataStore, sender: QueuedMailSender, logger: Logger) {
        self.store = store
        self.sender = sender
        self.logger = logger
    }

    public func sendDue() async throws -> Int {
        var sent = 0
        for due in try store.dueAcknowledgements() {
            let ack = due.acknowledgement
            let mail = QueuedMail(
                recipient: ack.recipient, subject: ack.subject, text: ack.text, inReplyTo: ack.inReplyTo,
                references: ack.references, autoSubmitted: "auto-replied")
            let now = sender.clock.now()
            switch try await sender.send(
                mail, claim: { try store.claimAcknowledgement(messageRow: due.messageRow, outgoingID: $0, at: now) },
                finish: { try store.finishAcknowledgement(messageRow: due.messageRow, sent: $0, error: $1, at: sender.clock.now()) })
            {
            case .sent: sent += 1
            case .failed(let error):
                logger.warning("acknowledgement not sent", metadata: ["message": "\(due.messageRow)", "error": "\(error)"])
            case .skipped: continue
            case .quotaReached: return sent
            }
        }
        return sent
    }
}
