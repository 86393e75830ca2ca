import Foundation
import Intake
import MailTransport
import MIME
import Store

/// Turns one fetched message into stored files and a committed record.
///
/// Order matters for the "never lost" promise: the raw message is fsynced as it is
/// fetched — before any parsing — then the extracted files are written, all of them are
/// made durable and put in place in one round, then one transaction records the message,
/// the ledger change and the mailbox position. A crash before that round leaves only
/// files under `tmp/`, which the next start removes; a crash after it, files that the
/// refetch puts at the same content-derived paths. Nothing is half-recorded.
struct MessageIngester: Sendable {
    var store: DataStore
    var rules: IntakeRules
    /// nil when acknowledgements are switched off.
    var acknowledgements: AcknowledgementPolicy?
    var clock: any WallClock

    /// Attempts at one message that may die before the record is committed.
    static let maxAttempts = 4

    enum Outcome: Sendable {
        case recorded(rowID: Int64, decision: IntakeDecision)
        case duplicate
    }

    /// Ingests a message fetched to the fsynced file `staged` (hashed as it arrived). A
    /// record that is not `durable` is made so by a later commit (`DataStore.record`).
    func ingest(staged: FetchedFile, mailbox: String, uidValidity: UInt32, durable: Bool = true) throws -> Outcome {
        let now = clock.now()
        let sha = staged.sha256
        let uid = staged.uid
        let receivedAt = staged.internalDate ?? now
        let rawPath = Self.rawPath(sha: sha, receivedAt: receivedAt)
        // Put in place together with the attachments, in one round of flushes.
        let rawFile = store.files.staged(fsyncedFile: staged.path, for: rawPath)
        let raw = try store.files.read(rawFile)

        if try store.beginProcessing("\(mailbox)|\(uidValidity)|\(uid)", at: now) > Self.maxAttempts {
            // Attempt after attempt at this message died before its commit: keep it for the
            // officer rather than crash on it again at every poll.
            let record = IncomingMessage(
                mailbox: mailbox, uidValidity: uidValidity, uid: uid, messageID: nil, sha256: sha, rawPath: rawPath,
                size: raw.count, fromAddress: nil, fromName: nil, subject: "", sentAt: nil, receivedAt: receivedAt,
                unit: nil, campaignID: nil, assessment: nil,
                parseError: "processing this message failed \(Self.maxAttempts) times; it is kept unparsed for review", attachments: [])
            try store.files.placeDurably([rawFile])
            return .recorded(rowID: try store.record(record, at: now), decision: IntakeDecision(unit: nil, campaign: nil, assessment: nil))
        }

        do {
            return try parseAndRecord(raw: raw, sha: sha, rawFile: rawFile, mailbox: mailbox, uidValidity: uidValidity,
                                      uid: uid, receivedAt: receivedAt, now: now, durable: durable)
        } catch {
            try? store.endProcessing()
            throw error
        }
    }

    private func parseAndRecord(raw: [UInt8], sha: String, rawFile: FileStore.StagedFile, mailbox: String, uidValidity: UInt32,
                                uid: UInt32, receivedAt: Date, now: Date, durable: Bool) throws -> Outcome {
        let message = MailMessage.parse(raw)
        if try store.containsMessage(messageID: message.messageID, sha256: sha) {
            try store.advanceMailbox(mailbox, uidValidity: uidValidity, to: uid, at: now)
            return .duplicate
        }
        let threadIDs = [message.inReplyTo].compactMap { $0 } + message.references
        let decision = rules.decide(message, receivedAt: receivedAt, threads: try store.threadUnits(messageIDs: threadIDs))
        let folder = "files/\(SafeFilename.make(decision.campaign?.id ?? "_chua-phan-loai"))/\(SafeFilename.make(decision.unit?.code ?? "_chua-xac-dinh"))"
        var stored: [IncomingMessage.StoredAttachment] = []
        var files = [rawFile]
        do {
            for (index, attachment) in message.attachments.enumerated() {
                let path = "\(folder)/\(sha.prefix(12))-\(index + 1)-\(SafeFilename.make(attachment.filename))"
                files.append(try store.files.stage(attachment.data, for: path))
                stored.append(.init(filename: attachment.filename, contentType: attachment.contentType, size: attachment.size,
                                    sha256: attachment.sha256, kind: attachment.kind.rawValue, storedPath: path))
            }
        } catch {
            store.files.discard(Array(files.dropFirst()))
            throw error
        }
        // The raw message and its attachments made durable and put in place in one round,
        // before the record that refers to them.
        try store.files.placeDurably(files)
        let record = IncomingMessage(
            mailbox: mailbox, uidValidity: uidValidity, uid: uid, messageID: message.messageID, sha256: sha,
            rawPath: rawFile.target, size: raw.count, fromAddress: message.from?.address, fromName: message.from?.displayName,
            subject: message.subject, sentAt: message.date, receivedAt: receivedAt, unit: decision.unit,
            campaignID: decision.campaign?.id, assessment: decision.assessment,
            parseError: message.defects.isEmpty ? nil : message.defects.joined(separator: "; "),
            attachments: stored, authResults: message.authentication?.summary,
            acknowledgement: try acknowledgement(for: message, decision: decision, receivedAt: receivedAt, now: now,
                                                 isBacklog: try store.isBacklog(mailbox: mailbox, uidValidity: uidValidity, uid: uid)))
        let rowID = try store.record(record, at: now, durable: durable)
        return .recorded(rowID: rowID, decision: decision)
    }

    private func acknowledgement(for message: MailMessage, decision: IntakeDecision, receivedAt: Date, now: Date,
                                 isBacklog: Bool) throws -> Acknowledgement? {
        guard let policy = acknowledgements, let assessment = decision.assessment, let campaign = decision.campaign,
              let sender = (message.replyTo ?? message.from)?.address else { return nil }
        let recent = try store.acknowledgementCount(to: sender, since: now.addingTimeInterval(-86_400))
        return policy.acknowledgement(for: message, assessment: assessment, campaign: campaign, receivedAt: receivedAt,
                                      isBacklog: isBacklog, repliesToSenderLastDay: recent)
    }

    /// `raw/2021/02/<sha256>.eml`: content-addressed, so a refetch lands on the same file.
    static func rawPath(sha: String, receivedAt: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: receivedAt)
        let month = parts.month ?? 1
        return "raw/\(parts.year ?? 1970)/\(month < 10 ? "0" : "")\(month)/\(sha).eml"
    }
}
