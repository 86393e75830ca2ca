import Foundation
import Intake
import Logging
import MailTransport
import Store

/// One pass over the configured folders: learn what is new, fetch it, ingest it.
///
/// "New" is decided by the stored (mailbox, UIDVALIDITY, last UID), never by `\Seen`, so
/// the officer reading mail on a phone changes nothing. With nothing new a poll costs one
/// STATUS per folder, however large the mailbox.
public struct MailboxPoller: Sendable {
    public var imap: any MailboxReading
    public var folders: [String]
    public var afterProcessing: AfterProcessing
    public var ingester: MessageIngester
    public var logger: Logger

    public init(
        imap: any MailboxReading, folders: [String], afterProcessing: AfterProcessing, ingester: MessageIngester, logger: Logger
    ) {
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
            if last == nil {
                if try ingester.store.hasAnyState(mailbox: folder) {
                    logger.notice(
                        "mailbox renumbered (new UIDVALIDITY); rescanning, known messages are skipped by content",
                        metadata: ["mailbox": "\(folder)", "uidvalidity": "\(status.uidValidity)"])
                } else {
                    // The very first read of this folder: what is here now is the backlog.
                    try ingester.store.noteBacklogBoundary(
                        mailbox: folder, uidValidity: status.uidValidity,
                        uidNext: status.uidNext, at: ingester.clock.now())
                }
            }
            let first = (last ?? 0) + 1
            guard status.uidNext > first else { continue }
            // Senders the officer assigned since the daemon started count from this batch on.
            var ingester = ingester
            ingester.rules.matcher.aliases = try ingester.store.aliases()
            let uids = try await imap.uids(mailbox: folder, uidValidity: status.uidValidity, from: first, below: status.uidNext)
            try await ingest(uids, from: folder, uidValidity: status.uidValidity, with: ingester, into: &result)
            try ingester.store.clearProcessing(mailbox: folder)
        }
        return result
    }

    /// Messages per batch while a backlog is read: their files are flushed in one round and
    /// they are recorded in one durable transaction. A power failure can undo at most a
    /// batch not yet committed (its messages are fetched again), never part of one.
    static let batchSize = 16

    /// Messages fetched ahead of the one being prepared on each fetching connection, so the
    /// connections (and the server) do not wait for the parser.
    static let fetchAheadPerConnection = 2

    /// Fetches, prepares and commits `uids` as three overlapping stages: the next messages
    /// are fetched (in turns over the fetching connections, each on its own thread, each
    /// message asked for while the one before it on its connection is still arriving) while
    /// this one is parsed and its attachments written, while the previous batch is made
    /// durable and recorded (on the commit queue). So the network, the CPU and the disk work
    /// side by side on the two cores.
    private func ingest(
        _ uids: [UInt32], from folder: String, uidValidity: UInt32, with ingester: MessageIngester,
        into result: inout Result
    ) async throws {
        func key(_ uid: UInt32) -> MessageKey { MessageKey(mailbox: folder, uidValidity: uidValidity, uid: uid) }
        // One message at a time, each committed before the next is read, when an
        // after-processing action follows each commit.
        var batchSize = Self.batchSize
        if case .none = afterProcessing {} else { batchSize = 1 }
        typealias Fetch = (path: String, task: Task<FetchedFile, any Error>)
        var ahead: [Fetch] = []
        var nextToFetch = 0
        // The messages take turns on the fetching connections (the nth on connection n mod
        // their number), and are prepared and recorded in UID order all the same.
        let connections = imap.fetchConnections
        var lastOn = [Task<FetchedFile, any Error>?](repeating: nil, count: connections)
        /// Starts the fetches up to `fetchAheadPerConnection` per connection past the next
        /// message. Each waits for the one before it on its connection, so they reach it in
        /// order and each can name the next.
        func fetchAhead() throws {
            while nextToFetch < uids.count && ahead.count <= Self.fetchAheadPerConnection * connections {
                let temporary = try ingester.store.files.temporaryPath()
                let connection = nextToFetch % connections
                let (uid, previous) = (uids[nextToFetch], lastOn[connection])
                let next = nextToFetch + connections < uids.count ? uids[nextToFetch + connections] : nil
                // Not fsynced on the connection's thread: the commit flushes it with the rest of its batch.
                let task = Task {
                    _ = await previous?.result
                    try Task.checkCancellation()
                    return try await imap.fetch(
                        mailbox: folder, uidValidity: uidValidity, uid: uid, toFile: temporary, durable: false,
                        next: next, connection: connection)
                }
                ahead.append((temporary, task))
                lastOn[connection] = task
                nextToFetch += 1
            }
        }
        /// Attempts of the messages noted as being processed and not reached yet.
        var attempts: [UInt32: Int] = [:]
        var pending: [MessageIngester.Prepared] = []
        var inFlight: (batch: [MessageIngester.Prepared], task: Task<[Int64?], any Error>)?
        var scratch = MessageIngester.Scratch()

        func collect() async throws {
            guard let flight = inFlight else { return }
            inFlight = nil
            let rows = try await flight.task.value
            for (prepared, rowID) in zip(flight.batch, rows) {
                if let rowID {
                    result.recorded += 1
                    let decision = prepared.decision
                    logger.info(
                        "message stored",
                        metadata: [
                            "mailbox": "\(folder)", "uid": "\(prepared.uid)", "id": "\(rowID)",
                            "unit": "\(decision.unit?.code ?? "-")", "campaign": "\(decision.campaign?.id ?? "-")",
                            "status": "\(decision.assessment?.status.rawValue ?? "-")",
                        ])
                } else {
                    result.duplicates += 1
                }
                await markProcessed(uid: prepared.uid, in: folder, uidValidity: uidValidity)
            }
        }
        /// Hands the pending batch to the commit queue once the previous one is committed.
        func submit() async throws {
            try await collect()
            guard !pending.isEmpty else { return }
            let batch = pending
            pending = []
            inFlight = (batch, Task { try await Self.onCommitQueue { try ingester.commit(batch) } })
        }

        do {
            try fetchAhead()
            for (index, uid) in uids.enumerated() {
                try Task.checkCancellation()
                let current = ahead.removeFirst()
                let staged: FetchedFile
                do {
                    staged = try await withTaskCancellationHandler {
                        try await current.task.value
                    } onCancel: {
                        current.task.cancel()
                    }
                } catch {
                    unlink(current.path)
                    throw error
                }
                try fetchAhead()
                result.fetched += 1
                if attempts[uid] == nil {
                    // This message and the rest of its batch are noted in one write.
                    let room = max(1, batchSize - pending.count)
                    let keys = uids[index..<min(uids.count, index + room)]
                    do {
                        let noted = try ingester.store.beginProcessing(keys.map(key), at: ingester.clock.now())
                        for (noted, attempt) in zip(keys, noted) { attempts[noted] = attempt }
                    } catch {
                        unlink(staged.path)
                        throw error
                    }
                }
                let attempt = attempts.removeValue(forKey: uid) ?? 1
                // A message that was in flight when a process died goes alone, everything
                // before it committed first: if it is the one that kills the process, only
                // its own attempts are counted.
                let alone = attempt > 1 || batchSize == 1
                if alone {
                    try await submit()
                    try await collect()
                }
                let uncommitted = ((inFlight?.batch ?? []) + pending).compactMap(\.record)
                let prepared: MessageIngester.Prepared
                do {
                    prepared = try ingester.prepare(
                        staged: staged, mailbox: folder, uidValidity: uidValidity,
                        attempt: attempt, uncommitted: uncommitted, scratch: &scratch)
                } catch {
                    unlink(staged.path)
                    throw error
                }
                if prepared.files.isEmpty { unlink(staged.path) }  // a duplicate: nothing of it is kept
                pending.append(prepared)
                // A retried message that parsed is no poison: a death in its commit must not
                // count against it (`DataStore.settleProcessing`).
                if attempt > 1 { try ingester.store.settleProcessing(key(uid)) }
                if alone {
                    try await submit()
                    try await collect()
                } else if pending.count >= batchSize || index + 1 == uids.count {
                    try await submit()
                }
            }
            try await submit()
            try await collect()
        } catch {
            // Leaving early (an error, a shutdown): stop the fetches in flight and drop their
            // files, let the batch being committed finish, and drop what was not handed over
            // yet (fetched again by the next poll).
            for fetch in ahead { fetch.task.cancel() }
            for fetch in ahead {
                _ = await fetch.task.result
                unlink(fetch.path)
            }
            if let flight = inFlight { _ = try? await flight.task.value }
            for prepared in pending { ingester.store.files.discard(prepared.files) }
            // A reported failure or a shutdown is no death mid-message: no attempt counted.
            try? ingester.store.endProcessing()
            throw error
        }
    }

    /// Runs the blocking flushes and the transaction of a batch off the Swift concurrency
    /// pool, one batch at a time.
    private static let commitQueue = DispatchQueue(label: "thidua.intake-commit")

    private static func onCommitQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            commitQueue.async { continuation.resume(with: Swift.Result { try work() }) }
        }
    }

    /// The configured after-processing action, only ever after the commit. Its failure is
    /// logged and otherwise ignored: the record is safe, and the UID is not fetched again.
    private func markProcessed(uid: UInt32, in folder: String, uidValidity: UInt32) async {
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
