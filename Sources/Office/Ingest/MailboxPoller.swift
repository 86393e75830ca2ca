import Foundation
import Intake
import Logging
import MailTransport
import Store

/// One pass over the configured folders: learn what is new, fetch it, ingest it.
///
/// "New" is decided by the stored (mailbox, UIDVALIDITY, last UID), never by `\Seen`, so
/// the officer reading mail on a phone changes nothing. With nothing new a poll costs one
/// EXAMINE per folder, however large the mailbox.
public struct MailboxPoller: Sendable {
    public var imap: any MailboxReading
    public var folders: [String]
    public var afterProcessing: AfterProcessing
    public var ingester: MessageIngester
    public var logger: Logger
    /// The first read of a folder fetches only mail that arrived from this day on: an old
    /// mailbox holds years of mail that no campaign asks about (`mailbox.since`).
    public var firstReadSince: IMAPDay?

    public init(
        imap: any MailboxReading, folders: [String], afterProcessing: AfterProcessing, ingester: MessageIngester, logger: Logger,
        firstReadSince: IMAPDay? = nil
    ) {
        self.firstReadSince = firstReadSince
        self.imap = imap
        self.folders = folders
        self.afterProcessing = afterProcessing
        self.ingester = ingester
        self.logger = logger
    }

    public struct Result: Sendable {
        public var fetched = 0
        public var recorded = 0
        public var duplicates = 0
    }

    public func poll() async throws -> Result {
        var result = Result()
        for folder in folders {
            try Task.checkCancellation()
            let status = try await imap.status(mailbox: folder)
            let last = try ingester.store.lastUID(mailbox: folder, uidValidity: status.uidValidity)
            let since = try firstRead(of: folder, status: status, last: last)
            let first = (last ?? 0) + 1
            guard status.uidNext > first else {
                // An empty folder's first read is over as soon as it starts.
                if since != nil {
                    try ingester.store.noteFirstReadComplete(
                        mailbox: folder, uidValidity: status.uidValidity, at: ingester.clock.now())
                }
                continue
            }
            // Senders the officer assigned since the daemon started count from this batch on.
            var ingester = ingester
            ingester.rules.matcher.aliases = try ingester.store.aliases()
            let uids = try await imap.uids(
                mailbox: folder, uidValidity: status.uidValidity, from: first, below: status.uidNext, since: since)
            try await ingest(uids, from: folder, uidValidity: status.uidValidity, with: ingester, into: &result)
            if since != nil {
                // The older mail between is never asked for: the next poll starts past it.
                try ingester.store.advanceMailbox(
                    folder, uidValidity: status.uidValidity, to: status.uidNext - 1, at: ingester.clock.now())
                try ingester.store.noteFirstReadComplete(mailbox: folder, uidValidity: status.uidValidity, at: ingester.clock.now())
            }
            try ingester.store.clearProcessing(mailbox: folder)
        }
        return result
    }

    /// The day this read of `folder` starts from, when it is (part of) a first read: the very
    /// first (the day is kept), one cut short before its end, or a read from UID 1 after
    /// the folder was renumbered. Then only mail that arrived from that day on is fetched;
    /// afterwards, everything new.
    private func firstRead(of folder: String, status: MailboxStatus, last: UInt32?) throws -> IMAPDay? {
        let store = ingester.store
        let now = ingester.clock.now()
        if last == nil, try !store.hasAnyState(mailbox: folder), try store.firstReadDay(mailbox: folder) == nil {
            // The very first read of this folder: what is here now is the backlog.
            try store.noteBacklogBoundary(mailbox: folder, uidValidity: status.uidValidity, uidNext: status.uidNext, at: now)
            guard let since = firstReadSince else { return nil }
            try store.noteFirstReadDay(mailbox: folder, day: since.iso, at: now)
            logger.notice(
                "first read of this folder: only mail that arrived since \(since.text) is fetched (mailbox.since)",
                metadata: ["mailbox": "\(folder)"])
            return since
        }
        if last == nil {
            logger.notice(
                "mailbox renumbered (new UIDVALIDITY); rescanning, known messages are skipped by content",
                metadata: ["mailbox": "\(folder)", "uidvalidity": "\(status.uidValidity)"])
        }
        guard let day = try store.firstReadDay(mailbox: folder).flatMap(IMAPDay.init(iso:)),
            try !store.isFirstReadComplete(mailbox: folder, uidValidity: status.uidValidity)
        else { return nil }
        return day
    }

    /// Messages per batch while a backlog is read: their files are flushed in one round and
    /// they are recorded in one durable transaction. A power failure can undo at most a
    /// batch not yet committed (its messages are fetched again), never part of one.
    static let batchSize = 16

    /// Fetches, prepares and commits `uids` of `folder` (`IngestRun`).
    private func ingest(
        _ uids: [UInt32], from folder: String, uidValidity: UInt32, with ingester: MessageIngester,
        into result: inout Result
    ) async throws {
        var run = IngestRun(poller: self, ingester: ingester, folder: folder, uidValidity: uidValidity, uids: uids)
        defer {
            result.fetched += run.result.fetched
            result.recorded += run.result.recorded
            result.duplicates += run.result.duplicates
        }
        try await run.run()
    }

    /// The configured after-processing action, only ever after the commit. Its failure is
    /// logged and otherwise ignored: the record is safe, and the UID is not fetched again.
    func markProcessed(uid: UInt32, in folder: String, uidValidity: UInt32) async {
        do {
            switch afterProcessing {
            case .none: return
            case .keyword(let keyword): try await imap.addKeyword(keyword, mailbox: folder, uidValidity: uidValidity, uid: uid)
            case .move(let target):
                do {
                    try await imap.move(uid: uid, from: folder, uidValidity: uidValidity, to: target)
                } catch {
                    // Most likely the folder does not exist yet: create it and try once more.
                    try? await imap.createMailbox(target)
                    try await imap.move(uid: uid, from: folder, uidValidity: uidValidity, to: target)
                }
            }
        } catch {
            logger.warning(
                "after-processing action failed; the message is recorded and stays where it is",
                metadata: ["mailbox": "\(folder)", "uid": "\(uid)", "error": "\(error)"])
        }
    }
}

/// What to do to a message in the mailbox once its record is committed.
public enum AfterProcessing: Sendable, Equatable {
    /// Leave it as it is (the default: the officer's mailbox is not thidua's to tidy).
    case none
    /// Set this IMAP keyword on it.
    case keyword(String)
    /// Move it to this folder.
    case move(String)
}
