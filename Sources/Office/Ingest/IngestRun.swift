import Foundation
import Logging
import Store

/// One folder's new messages, read as three overlapping stages: the next messages are
/// fetched (`FetchAhead`) while this one is parsed, decided and its attachments written
/// (`MessageIngester.prepare`), while the previous batch is made durable and recorded
/// (`BatchCommitter`); then the after-processing action marks each committed message. So
/// the network, the CPU and the disk work side by side on the two cores.
///
/// Every staged file has one owner at a time — the fetching stage, then the fetched
/// message's `OwnedFetch`, then the prepared message in the committer — which removes it
/// unless its batch is committed.
struct IngestRun {
    let poller: MailboxPoller
    let folder: String
    let uidValidity: UInt32
    let uids: [UInt32]
    /// Messages per batch; 1 when an after-processing action follows each commit.
    let batchSize: Int
    private var fetches: FetchAhead
    private var notes: ProcessingNotes
    private var committer: BatchCommitter
    private var scratch = MessageIngester.Scratch()
    private(set) var result = MailboxPoller.Result()

    init(poller: MailboxPoller, ingester: MessageIngester, folder: String, uidValidity: UInt32, uids: [UInt32]) {
        self.poller = poller
        self.folder = folder
        self.uidValidity = uidValidity
        self.uids = uids
        if case .none = poller.afterProcessing { batchSize = MailboxPoller.batchSize } else { batchSize = 1 }
        fetches = FetchAhead(imap: poller.imap, files: ingester.store.files, folder: folder, uidValidity: uidValidity, uids: uids)
        notes = ProcessingNotes(store: ingester.store, clock: ingester.clock, folder: folder, uidValidity: uidValidity, uids: uids)
        committer = BatchCommitter(ingester: ingester)
    }

    mutating func run() async throws {
        do {
            for index in uids.indices { try await ingest(at: index) }
            try await report(committer.drain())
        } catch {
            await fetches.abandon()
            await committer.abandon()
            // A reported failure or a shutdown is no death mid-message: no attempt counted.
            try? committer.ingester.store.endProcessing()
            throw error
        }
    }

    private mutating func ingest(at index: Int) async throws {
        try Task.checkCancellation()
        let owned = try await fetches.next()
        result.fetched += 1
        let attempt = try notes.attempt(at: index, room: max(1, batchSize - committer.pending.count))
        // A message that was in flight when a process died goes alone, everything before it
        // committed first: if it is the one that kills the process, only its own attempts count.
        let alone = attempt > 1 || batchSize == 1
        if alone { try await report(committer.drain()) }
        let prepared = try committer.ingester.prepare(
            staged: owned.fetched, mailbox: folder, uidValidity: uidValidity, attempt: attempt,
            uncommitted: committer.uncommitted, scratch: &scratch)
        owned.release()
        committer.add(prepared)
        if attempt > 1 { try notes.settle(prepared.uid) }
        if alone {
            try await report(committer.drain())
        } else if committer.pending.count >= batchSize || index + 1 == uids.count {
            try await report(committer.submit())
        }
    }

    /// Counts and logs what a batch committed, then marks each message in the mailbox.
    private mutating func report(_ committed: [BatchCommitter.Committed]) async {
        for (prepared, row) in committed {
            if let row {
                result.recorded += 1
                let decision = prepared.decision
                poller.logger.info(
                    "message stored",
                    metadata: [
                        "mailbox": "\(folder)", "uid": "\(prepared.uid)", "id": "\(row)", "unit": "\(decision.unit?.code ?? "-")",
                        "campaign": "\(decision.campaign?.id ?? "-")", "status": "\(decision.assessment?.status.rawValue ?? "-")",
                    ])
            } else {
                result.duplicates += 1
            }
            await poller.markProcessed(uid: prepared.uid, in: folder, uidValidity: uidValidity)
        }
    }
}
