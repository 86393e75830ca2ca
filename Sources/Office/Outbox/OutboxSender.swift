import Foundation
import Intake
import Logging
import MIME
import MailTransport
import Store

/// The one path every mail the office sends takes — acknowledgements, replies, reminders,
/// digests: within the sending caps, composed, claimed in the outbox, sent, finished.
///
/// The claim is written before the send and the outcome after it, so each mail goes out
/// at most once: if the daemon dies in between, the row stays `sending`, shown to the
/// officer as uncertain, and is never sent again.
public struct OutboxSender: Sendable {
    public var store: DataStore
    public var smtp: any MailSending
    public var from: MailAddress
    /// For the Date header, in the office's zone.
    public var timeZone: TimeZone
    public var quota: SendingQuota
    public var clock: any WallClock
    public var logger: Logger

    public init(
        store: DataStore, smtp: any MailSending, from: MailAddress, timeZone: TimeZone, limits: SendLimits, clock: any WallClock,
        logger: Logger
    ) {
        self.store = store
        self.smtp = smtp
        self.from = from
        self.timeZone = timeZone
        self.quota = SendingQuota(store: store, limits: limits)
        self.clock = clock
        self.logger = logger
    }

    /// Which row the send claims: one queued ahead (an acknowledgement, a reply), or a new
    /// one for mail composed now (a reminder stage, a day's digest), which its unique key
    /// lets be claimed once.
    public enum Claim: Sendable {
        case queued(OutboxRecord)
        case new(OutboxMail)

        var mail: OutboxMail {
            switch self {
            case .queued(let record): record.mail
            case .new(let mail): mail
            }
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// Accepted for every recipient, or for some (the refusals are recorded).
        case sent
        /// Refused for every recipient, or not composed.
        case failed(StoredError)
        /// Claimed before: by another cycle, or by a process that died mid-send.
        case alreadyClaimed
        /// A sending cap is reached: the rest waits for the next cycle.
        case capReached
    }

    /// Sends `message` (its Message-ID and Date are set here) to its To and Cc, claiming
    /// `claim` first.
    public func send(_ message: OutgoingMessage, claim: Claim) async throws -> Outcome {
        try Task.checkCancellation()
        guard try quota.allows(at: clock.now()) else { return .capReached }
        var message = message
        message.from = from
        message.timeZone = timeZone
        message.date = clock.now()
        message.messageID = OutgoingMessage.makeMessageID(domain: from.messageIDDomain)
        let mail = claim.mail
        let bytes: [UInt8]
        do {
            bytes = try message.render()
        } catch {
            // Not composable now, not later: a queued row ends failed, a new one is not claimed.
            let failure = StoredError(.compose, "\(error)")
            if case .queued(let record) = claim { try store.finish(id: record.id, state: .failed, error: failure, at: clock.now()) }
            log(mail, .failed, failure)
            return .failed(failure)
        }
        let id: Int64
        switch claim {
        case .queued(let record):
            guard try store.claim(queued: record.id, outgoingID: message.messageID, at: clock.now()) else { return .alreadyClaimed }
            id = record.id
        case .new(let mail):
            guard let claimed = try store.claim(mail, outgoingID: message.messageID, at: clock.now()) else { return .alreadyClaimed }
            id = claimed
        }
        let results = await smtp.send(bytes, from: from.address, to: (message.to + message.cc).map(\.address))
        let refused = results.filter { $0.error != nil }
        let error = StoredError(refusals: refused)
        let state: OutboxState = !results.isEmpty && refused.count == results.count ? .failed : .sent
        try store.finish(id: id, state: state, error: error, at: clock.now())
        log(mail, state, error)
        return state == .sent ? .sent : .failed(error ?? StoredError(.other, "no recipient"))
    }

    /// Sends what was queued (acknowledgements, replies, announcements), oldest first, until
    /// the caps are reached. Returns how many went out. Office hours do not hold receipts
    /// and replies back: a receipt is worth most the moment the school sends, and a reply
    /// is the officer's own, written while she works. Announcements go only while
    /// `announcements` (the office is open), as reminders and the digest wait for it.
    @discardableResult
    public func sendQueued(announcements: Bool = true) async throws -> Int {
        var sent = 0
        for record in try store.dueMail(announcements: announcements) {
            let mail = record.mail
            var message = OutgoingMessage(
                from: from, to: mail.recipients.map { MailAddress(address: $0) }, subject: mail.subject, textBody: mail.body,
                htmlBody: TextToHTML.render(mail.body), date: clock.now(), timeZone: timeZone, messageID: "")
            message.inReplyTo = mail.inReplyTo
            message.references = mail.references
            // RFC 3834: an acknowledgement is an automatic reply; the officer's reply and
            // her announcement are not.
            message.autoSubmitted = mail.kind == .acknowledgement ? "auto-replied" : "no"
            if let attachment = mail.attachment {
                guard let bytes = try? store.files.read(attachment.path) else {
                    let failure = StoredError(.compose, "the attached file \(attachment.path) is gone from the data directory")
                    try store.finish(id: record.id, state: .failed, error: failure, at: clock.now())
                    log(mail, .failed, failure)
                    continue
                }
                message.attachments = [
                    OutgoingAttachment(filename: attachment.name, contentType: Self.contentType(attachment.name), bytes: bytes)
                ]
            }
            switch try await send(message, claim: .queued(record)) {
            case .sent: sent += 1
            case .failed, .alreadyClaimed: continue
            case .capReached: return sent
            }
        }
        return sent
    }

    /// The type a mail program opens an attachment with, from its name (the office's own
    /// file, of a kind she chose).
    static func contentType(_ filename: String) -> String {
        switch (filename as NSString).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "doc": "application/msword"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xls": "application/vnd.ms-excel"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }

    private func log(_ mail: OutboxMail, _ state: OutboxState, _ error: StoredError?) {
        logger.log(
            level: error == nil ? .info : .warning, "\(mail.kind.rawValue) \(state.rawValue)",
            metadata: [
                "campaign": "\(mail.campaign ?? "-")", "unit": "\(mail.unit ?? "-")", "stage": "\(mail.stage ?? "-")",
                "message": "\(mail.messageRow.map(String.init) ?? "-")", "error": "\(error?.message ?? "-")",
            ])
    }
}
