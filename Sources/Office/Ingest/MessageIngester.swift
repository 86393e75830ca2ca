import Foundation
import Intake
import MIME
import MailTransport
import Store

/// Turns fetched messages into committed records in three steps, so that a backlog is read
/// in batches: `parse` reads one fetched message; `decide` settles a batch of parsed ones
/// against one `IntakeSnapshot` of the store, reading nothing; `commit` makes a batch's raw
/// messages durable and puts them in place in one round, then records the batch —
/// messages, ledger changes and mailbox position — in one transaction.
///
/// A message is stored as one file, its raw mail: its attachments are decoded to be hashed,
/// sized and recognised, and read out of the raw mail again when opened
/// (`DataStore.content(of:)`).
///
/// Order matters for the "never lost" promise: every raw message a record refers to is
/// fsynced and in place before the transaction that records it. A crash before that round
/// leaves only files under `tmp/`, which the next start removes; a crash after it, files
/// that the refetch puts at the same content-derived paths. Nothing is half-recorded.
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

    /// A fetched message, read: its raw file staged for its place under `raw/`, and the
    /// message without its attachments' bytes (their sizes, hashes and kinds stay). nil
    /// `message`: kept unparsed, after too many attempts at it died.
    struct Parsed: Sendable {
        var fetched: FetchedFile
        var raw: FileStore.StagedFile
        var message: MailMessage?
        var receivedAt: Date
    }

    /// One message ready to commit: its raw file, placed if the entry is a message and
    /// removed if it is a duplicate, and what to record.
    struct Prepared: Sendable {
        var uid: UInt32
        var raw: FileStore.StagedFile
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

    /// Reads and parses the message fetched to the file `fetched` (hashed as it arrived).
    /// `attempt` is this message's processing attempt (`DataStore.beginProcessing`).
    func parse(_ fetched: FetchedFile, attempt: Int, scratch: inout Scratch) throws -> Parsed {
        let receivedAt = fetched.internalDate ?? clock.now()
        let target = StoredPaths.rawMessage(sha256: fetched.sha256, receivedAt: receivedAt)
        // Put in place with the rest of its batch, in one round of flushes.
        let raw =
            fetched.isDurable
            ? store.files.staged(fsyncedFile: fetched.path, for: target)
            : try store.files.staged(unsyncedFile: fetched.path, for: target)
        // Attempt after attempt at this message died before its commit: keep it for the
        // officer rather than crash on it again at every poll.
        guard attempt <= Self.maxAttempts else { return Parsed(fetched: fetched, raw: raw, message: nil, receivedAt: receivedAt) }
        do {
            let bytes = try store.files.read(raw, into: &scratch.raw)
            // The file must hold what was hashed as it arrived; anything else is a bug that
            // would keep one message's mail under another's name. Stop the poll, loudly.
            guard bytes.count == fetched.size else {
                throw StagedFileChanged(path: fetched.path, expected: fetched.size, found: bytes.count)
            }
            var message = MailMessage.parse(bytes, buffers: &scratch.decoded)
            scratch.decoded.recycle(attachmentsOf: &message)
            return Parsed(fetched: fetched, raw: raw, message: message, receivedAt: receivedAt)
        } catch {
            store.files.discard([raw])
            throw error
        }
    }

    /// What deciding `batch` needs of the store, read once; the messages decided before it
    /// and not committed yet (`uncommitted`) are in it as if they were stored.
    func snapshot(
        for batch: [Parsed], mailbox: String, uidValidity: UInt32, uncommitted: [IncomingMessage]
    ) throws -> IntakeSnapshot {
        var query = IntakeSnapshot.Query()
        for parsed in batch {
            guard let message = parsed.message else { continue }
            query.contents.append((message.messageID, parsed.fetched.sha256))
            query.threadIDs += Self.threadIDs(of: message)
            if let sender = (message.replyTo ?? message.from)?.address { query.senders.append(sender) }
        }
        var snapshot = try store.intakeSnapshot(
            query, mailbox: mailbox, uidValidity: uidValidity, acknowledgedSince: clock.now().addingTimeInterval(-86_400))
        for message in uncommitted { snapshot.add(message) }
        return snapshot
    }

    /// Decides what `parsed` is and what to record, from the message and `snapshot` alone,
    /// and adds it to `snapshot` for the messages after it.
    func decide(_ parsed: Parsed, mailbox: String, uidValidity: UInt32, snapshot: inout IntakeSnapshot) -> Prepared {
        let now = clock.now()
        let fetched = parsed.fetched
        guard let message = parsed.message else {
            let record = IncomingMessage(
                mailbox: mailbox, uidValidity: uidValidity, uid: fetched.uid, messageID: nil, sha256: fetched.sha256,
                rawPath: parsed.raw.target, size: fetched.size, fromAddress: nil, fromName: nil, subject: "", sentAt: nil,
                receivedAt: parsed.receivedAt, unit: nil, campaignID: nil, assessment: nil,
                parseError: "processing this message failed \(Self.maxAttempts) times; it is kept unparsed for review", attachments: [])
            snapshot.add(record)
            return Prepared(uid: fetched.uid, raw: parsed.raw, entry: .message(record, at: now), decision: .none)
        }
        if snapshot.contains(messageID: message.messageID, sha256: fetched.sha256) {
            let key = MessageKey(mailbox: mailbox, uidValidity: uidValidity, uid: fetched.uid)
            return Prepared(uid: fetched.uid, raw: parsed.raw, entry: .duplicate(key, at: now), decision: .none)
        }
        let threadIDs = Self.threadIDs(of: message)
        let decision = rules.decide(
            message, receivedAt: parsed.receivedAt, threads: snapshot.threadUnits(of: threadIDs),
            announcements: snapshot.announcementCampaigns(of: threadIDs))
        var record = IncomingMessage(
            mailbox: mailbox, uidValidity: uidValidity, uid: fetched.uid, messageID: message.messageID, sha256: fetched.sha256,
            rawPath: parsed.raw.target, size: fetched.size, fromAddress: message.from?.address, fromName: message.from?.displayName,
            subject: message.subject, sentAt: message.date, receivedAt: parsed.receivedAt, unit: decision.unit,
            campaignID: decision.campaign?.id, assessment: decision.assessment,
            parseError: message.defects.isEmpty ? nil : message.defects.joined(separator: "; "),
            attachments: message.attachments.map {
                .init(filename: $0.filename, contentType: $0.contentType, size: $0.size, sha256: $0.sha256, kind: $0.kind)
            },
            authResults: message.authentication?.summary,
            acknowledgement: acknowledgement(
                for: message, decision: decision, receivedAt: parsed.receivedAt, isBacklog: snapshot.isBacklog(uid: fetched.uid),
                snapshot: snapshot),
            ignored: message.ignored)
        record.acknowledgementAwaitsCheck = record.acknowledgement != nil && Self.awaitsCheck(message, decision)
        snapshot.add(record)
        return Prepared(uid: fetched.uid, raw: parsed.raw, entry: .message(record, at: now), decision: decision)
    }

    /// Makes the raw messages of `batch` durable and puts them in place in one round, then
    /// records the batch in one transaction, then removes the duplicates' files. Returns
    /// each message's row id (nil for a duplicate).
    func commit(_ batch: [Prepared]) throws -> [Int64?] {
        try store.files.placeDurably(batch.filter { $0.record != nil }.map(\.raw))
        let rows = try store.record(batch: batch.map(\.entry))
        store.files.discard(batch.filter { $0.record == nil }.map(\.raw))
        return rows
    }

    /// Whether the school hears about `message` only once its files are checked: its
    /// campaign asks for the seal, and it has files the check reads.
    static func awaitsCheck(_ message: MailMessage, _ decision: IntakeDecision) -> Bool {
        guard let campaign = decision.campaign, campaign.requireSeal, decision.assessment?.status.awaitsCheck == true else { return false }
        return message.attachments.contains { $0.size > 0 && (FileKind.pdfs.contains($0.kind) || $0.kind == .image) }
    }

    /// The Message-IDs `message` answers.
    private static func threadIDs(of message: MailMessage) -> [String] {
        [message.inReplyTo].compactMap { $0 } + message.references
    }

    private func acknowledgement(
        for message: MailMessage, decision: IntakeDecision, receivedAt: Date, isBacklog: Bool, snapshot: IntakeSnapshot
    ) -> Acknowledgement? {
        guard let policy = acknowledgements, let assessment = decision.assessment, let campaign = decision.campaign,
            let sender = (message.replyTo ?? message.from)?.address
        else { return nil }
        // A sender not known to write for the unit: the unit's own addresses get a copy.
        let unitAddresses =
            decision.unit.flatMap { $0.confirmsSender ? nil : rules.matcher.roster.unit(code: $0.code)?.emails } ?? []
        return policy.acknowledgement(
            for: message, assessment: assessment, campaign: campaign, receivedAt: receivedAt,
            isBacklog: isBacklog, repliesToSenderLastDay: snapshot.acknowledgementCount(to: sender), unitAddresses: unitAddresses)
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
}
