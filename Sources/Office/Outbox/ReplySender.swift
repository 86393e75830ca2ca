import Foundation
import Logging
import Store

/// Sends the replies the officer queued from the dashboard (a rejection and its reason),
/// each at most once.
public struct ReplySender: Sendable {
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
        for due in try store.dueReplies() {
            let mail = QueuedMail(
                recipient: due.recipient, subject: due.subject, text: due.text, inReplyTo: due.inReplyTo,
                references: due.references, autoSubmitted: "no")
            switch try await sender.send(
                mail, claim: { try store.claimReply(id: due.id, outgoingID: $0) },
                finish: { try store.finishReply(id: due.id, sent: $0, error: $1, at: sender.clock.now()) })
            {
            case .sent: sent += 1
            case .failed(let error): logger.warning("reply not sent", metadata: ["reply": "\(due.id)", "error": "\(error)"])
            case .skipped: continue
            case .quotaReached: return sent
            }
        }
        return sent
    }
}
