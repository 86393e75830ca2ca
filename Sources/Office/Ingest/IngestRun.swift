import Foundation
import Logging
import Store

/// One folder's new messages, read as overlapping stages: the next messages are fetched
/// (`FetchAhead`) while this one is parsed (`MessageIngester.parse`); a batch of parsed
/// messages is decided against one snapshot of the store (`MessageIngester.decide`) and
/// handed to `BatchCommitter`, which makes it durable and records it while the next batch
/// is fetched and parsed; then the after-processing action marks each committed message.
/// So the network, the CPU and the disk work side by side on the two cores.
///
/// Every staged file has one owner at a time — the fetching stage, then the fetched
/// message's `OwnedFetch`, then the parsed batch, then the committer — which removes it
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
    /// Parsed, not decided yet: the batch being gathered.
    private var parsed: [MessageIngester.Parsed] = []
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

    private var ingester: MessageIngester { committer.ingester }

    mutating func run() async throws {
        do {
            for index in uids.indices { try await ingest(at: index) }
            try decideParsed()
            try await report(committer.drain())
        } catch {
            await fetches.abandon()
            ingester.store.files.discard(parsed.map(\.raw))
            parsed = []
            await committer.abandon()
            // A reported failure or a shutdown is no death mid-message: no attempt counted.
            try? ingester.store.endProcessing()
            throw error
        }
    }

    private mutating func ingest(at index: Int) async throws {
        try Task.checkCancellation()
        let owned = try await fetches.next()
        result.fetched += 1
        let attempt = try notes.attempt(at: index, room: max(1, batchSize - parsed.count))
        // A message that was in flight when a process died goes alone, everything before it
        // committed first: if it is the one that kills the process, only its own attempts count.
        let alone = attempt > 1 || batchSize == 1
        if alone {
            try decideParsed()
            try await report(committer.drain())
        }
        parsed.append(try ingester.parse(owned.fetched, attempt: attempt, scratch: &scratch))
        owned.release()
        if alone {
            try decideParsed()
            if attempt > 1 { try notes.settle(owned.fetched.uid) }
            try await report(committer.drain())
        } else if parsed.count >= batchSize || index + 1 == uids.count {
            try decideParsed()
            try await report(committer.submit())
        }
    }

    /// Decides the parsed batch against one snapshot of the store and hands it to the
    /// committer.
    private mutating func decideParsed() throws {
        guard !parsed.isEmpty else { return }
        var snapshot = try ingester.snapshot(
            for: parsed, mailbox: folder, uidValidity: uidValidity, uncommitted: committer.uncommitted)
        for message in parsed {
            committer.add(ingester.decide(message, mailbox: folder, uidValidity: uidValidity, snapshot: &snapshot))
        }
        parsed = []
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
