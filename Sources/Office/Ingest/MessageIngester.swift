import Foundation
import Intake
import MIME
import MailTransport
import Store

/// Turns fetched messages into stored files and committed records, in two steps so that a
/// backlog is read in batches: `prepare` parses a message, decides what it is and writes its
/// attachments under `tmp/`; `commit` makes a batch's files durable and puts them in place
/// in one round, then records the batch — messages, ledger changes and mailbox position — in
/// one transaction.
///
/// Order matters for the "never lost" promise: every file a record refers to — the raw
/// message too — is fsynced and in place before the transaction that records it. A crash before that round leaves only files under
/// `tmp/`, which the next start removes; a crash after it, files that the refetch puts at
/// the same content-derived paths. Nothing is half-recorded.
public struct MessageIngester: Sendable {
    public var store: DataStore
    public var rules: IntakeRules
    /// nil when acknowledgements are switched off.
    public var acknowledgements: AcknowledgementPolicy?
    public var clock: any WallClock

    public init(store: DataStore, rules: IntakeRules, acknowledgements: AcknowledgementPolicy?, clock: any WallClock) {
        self.store = store
        self.rules = rules
        self.acknowledgements = acknowledgements
        self.clock = clock
    }

    /// Attempts at one message that may die while it is parsed and decided (a death in its
    /// commit does not count: `DataStore.settleProcessing`).
    static let maxAttempts = 4

    /// One message ready to commit: its staged files (the raw message first; none for a
    /// duplicate, whose fetched file the caller removes) and what to record.
    struct Prepared: Sendable {
        var uid: UInt32
        var files: [FileStore.StagedFile]
        var entry: DataStore.IntakeEntry
        var decision: IntakeDecision

        var record: IncomingMessage? {
            if case .message(let message, _) = entry { return message }
            return nil
        }
    }

    /// Memory kept by the caller from one message to the next, so that a backlog is read
    /// and decoded in the same warm pages.
    struct Scratch {
        /// Where each message is read back (`FileStore.read(_:into:)`).
        var raw: [UInt8] = []
        /// Where its attachments are decoded.
        var decoded = DecodeBuffers()
    }

    /// Parses the message fetched to the file `staged` (hashed as it arrived) and
    /// writes its attachments under `tmp/`. `attempt` is this message's processing attempt
    /// (`DataStore.beginProcessing`). `uncommitted`: the messages prepared before it and not
    /// yet committed, which the duplicate check, the thread look-up and the per-sender
    /// acknowledgement cap see as if they were in the database.
    func prepare(
        staged: FetchedFile, mailbox: String, uidValidity: UInt32, attempt: Int,
        uncommitted: [IncomingMessage], scratch: inout Scratch
    ) throws -> Prepared {
        let now = clock.now()
        let rawPath = Self.rawPath(sha: staged.sha256, receivedAt: staged.internalDate ?? now)
        // Put in place together with the attachments, in one round of flushes.
        let rawFile =
            staged.isDurable
            ? store.files.staged(fsyncedFile: staged.path, for: rawPath)
            : try store.files.staged(unsyncedFile: staged.path, for: rawPath)
        // Every staged file (the raw message first) is closed and removed if the message
        // goes no further.
        var files = [rawFile]
        do {
            let raw = try store.files.read(rawFile, into: &scratch.raw)
            // The file must hold what was hashed as it arrived; anything else is a bug that
            // would keep one message's mail under another's name. Stop the poll, loudly.
            guard raw.count == staged.size else { throw StagedFileChanged(path: staged.path, expected: staged.size, found: raw.count) }
            return try prepare(
                raw: raw, staged: staged, files: &files, mailbox: mailbox, uidValidity: uidValidity,
                attempt: attempt, uncommitted: uncommitted, now: now, decoded: &scratch.decoded)
        } catch {
            store.files.discard(files)
            throw error
        }
    }

    private func prepare(
        raw: ArraySlice<UInt8>, staged: FetchedFile, files: inout [FileStore.StagedFile], mailbox: String,
        uidValidity: UInt32, attempt: Int, uncommitted: [IncomingMessage], now: Date,
        decoded: inout DecodeBuffers
    ) throws -> Prepared {
        let sha = staged.sha256
        let uid = staged.uid
        let receivedAt = staged.internalDate ?? now
        let rawFile = files[0]
        let rawPath = rawFile.target
        if attempt > Self.maxAttempts {
            // Attempt after attempt at this message died before its commit: keep it for the
            // officer rather than crash on it again at every poll.
            let record = IncomingMessage(
                mailbox: mailbox, uidValidity: uidValidity, uid: uid, messageID: nil, sha256: sha, rawPath: rawPath,
                size: raw.count, fromAddress: nil, fromName: nil, subject: "", sentAt: nil, receivedAt: receivedAt,
                unit: nil, campaignID: nil, assessment: nil,
                parseError: "processing this message failed \(Self.maxAttempts) times; it is kept unparsed for review", attachments: [])
            return Prepared(uid: uid, files: files, entry: .message(record, at: now), decision: .none)
        }

        var message = MailMessage.parse(raw, buffers: &decoded)
        // Whichever way this returns or throws, the decoded files go back for the next message.
        defer { decoded.recycle(attachmentsOf: &message) }
        let duplicate = uncommitted.contains { $0.messageID == message.messageID && $0.sha256 == sha }
        if try duplicate || store.containsMessage(messageID: message.messageID, sha256: sha) {
            store.files.discard(files)
            files = []
            return Prepared(
                uid: uid, files: [], entry: .duplicate(MessageKey(mailbox: mailbox, uidValidity: uidValidity, uid: uid), at: now),
                decision: .none)
        }
        let decision = rules.decide(message, receivedAt: receivedAt, threads: try threads(of: message, uncommitted: uncommitted))
        let stored = try stageAttachments(of: message, sha: sha, decision: decision, into: &files)
        let record = IncomingMessage(
            mailbox: mailbox, uidValidity: uidValidity, uid: uid, messageID: message.messageID, sha256: sha,
            rawPath: rawPath, size: raw.count, fromAddress: message.from?.address, fromName: message.from?.displayName,
            subject: message.subject, sentAt: message.date, receivedAt: receivedAt, unit: decision.unit,
            campaignID: decision.campaign?.id, assessment: decision.assessment,
            parseError: message.defects.isEmpty ? nil : message.defects.joined(separator: "; "),
            attachments: stored, authResults: message.authentication?.summary,
            acknowledgement: try acknowledgement(
                for: message, decision: decision, receivedAt: receivedAt, now: now,
                isBacklog: try store.isBacklog(mailbox: mailbox, uidValidity: uidValidity, uid: uid),
                uncommitted: uncommitted))
        return Prepared(uid: uid, files: files, entry: .message(record, at: now), decision: decision)
    }

    /// Units of the threads `message` answers: from the store, and from the messages not
    /// committed yet.
    private func threads(of message: MailMessage, uncommitted: [IncomingMessage]) throws -> [String: String] {
        let threadIDs = [message.inReplyTo].compactMap { $0 } + message.references
        var threads = try store.threadUnits(messageIDs: threadIDs)
        for earlier in uncommitted {
            if let id = earlier.messageID, let code = earlier.unit?.code, threadIDs.contains(id) { threads[id] = code }
        }
        return threads
    }

    /// Writes the attachments under `tmp/`, adding them to `files`, for their places under
    /// `files/<campaign>/<unit>/`.
    private func stageAttachments(
        of message: MailMessage, sha: String, decision: IntakeDecision, into files: inout [FileStore.StagedFile]
    ) throws -> [IncomingMessage.StoredAttachment] {
        let folder =
            "files/\(SafeFilename.make(decision.campaign?.id ?? "_chua-phan-loai"))/\(SafeFilename.make(decision.unit?.code ?? "_chua-xac-dinh"))"
        var stored: [IncomingMessage.StoredAttachment] = []
        for (index, attachment) in message.attachments.enumerated() {
            let path = "\(folder)/\(sha.prefix(12))-\(index + 1)-\(SafeFilename.make(attachment.filename))"
            files.append(try store.files.stage(attachment.data, for: path))
            stored.append(
                .init(
                    filename: attachment.filename, contentType: attachment.contentType, size: attachment.size,
                    sha256: attachment.sha256, kind: attachment.kind, storedPath: path))
        }
        return stored
    }

    /// Makes the files of `batch` durable and puts them in place in one round, then records
    /// the batch in one transaction. Returns each message's row id (nil for a duplicate).
    func commit(_ batch: [Prepared]) throws -> [Int64?] {
        try store.files.placeDurably(batch.flatMap(\.files))
        return try store.record(batch: batch.map(\.entry))
    }

    private func acknowledgement(
        for message: MailMessage, decision: IntakeDecision, receivedAt: Date, now: Date,
        isBacklog: Bool, uncommitted: [IncomingMessage]
    ) throws -> Acknowledgement? {
        guard let policy = acknowledgements, let assessment = decision.assessment, let campaign = decision.campaign,
            let sender = (message.replyTo ?? message.from)?.address
        else { return nil }
        let recent =
            try store.acknowledgementCount(to: sender, since: now.addingTimeInterval(-86_400))
            + uncommitted.count { $0.acknowledgement?.recipient == sender }
        return policy.acknowledgement(
            for: message, assessment: assessment, campaign: campaign, receivedAt: receivedAt,
            isBacklog: isBacklog, repliesToSenderLastDay: recent)
    }

    struct StagedFileChanged: Error, CustomStringConvertible {
        var path: String
        var expected: Int
        var found: Int
        var description: String {
            "the fetched message in \(path) holds \(found) bytes, not the \(expected) received; nothing of it was recorded "
                + "and it is fetched again at the next poll. If this repeats, report it with the log"
        }
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
