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
struct MailboxPoller: Sendable {
    var imap: IMAPClient
    var folders: [String]
    var afterProcessing: AppConfig.AfterProcessing
    var ingester: MessageIngester
    var logger: Logger

    struct Result: Sendable {
        var fetched = 0
        var recorded = 0
        var duplicates = 0
    }

    func poll() async throws -> Result {
        var result = Result()
        for folder in folders {
            try Task.checkCancellation()
            let status = try await imap.status(mailbox: folder)
            let last = try ingester.store.lastUID(mailbox: folder, uidValidity: status.uidValidity)
            if last == nil {
                if try ingester.store.hasAnyState(mailbox: folder) {
                    logger.notice("mailbox renumbered (new UIDVALIDITY); rescanning, known messages are skipped by content",
                                  metadata: ["mailbox": "\(folder)", "uidvalidity": "\(status.uidValidity)"])
                } else {
                    // The very first read of this folder: what is here now is the backlog.
                    try ingester.store.noteBacklogBoundary(mailbox: folder, uidValidity: status.uidValidity,
                                                           uidNext: status.uidNext, at: ingester.clock.now())
                }
            }
            let first = (last ?? 0) + 1
            guard status.uidNext > first else { continue }
            // Senders the officer assigned since the daemon started count from this batch on.
            var ingester = ingester
            ingester.rules.matcher.aliases = try ingester.store.aliases()
            let uids = try await imap.uids(mailbox: folder, uidValidity: status.uidValidity, from: first, below: status.uidNext)
            // The next message is fetched (on libcurl's thread) while this one is parsed and
            // stored, so the network and the disk work side by side.
            func startFetch(_ uid: UInt32) throws -> (path: String, task: Task<FetchedFile, any Error>) {
                let temporary = try ingester.store.files.temporaryPath()
                return (temporary, Task { try await imap.fetch(mailbox: folder, uidValidity: status.uidValidity, uid: uid, toFile: temporary) })
            }
            var next = try uids.first.map(startFetch)
            // Records are committed in groups made durable together (see DataStore.record);
            // one at a time when an after-processing action follows each commit.
            var groupSize = Self.commitGroup
            if case .none = afterProcessing {} else { groupSize = 1 }
            var undurable = false
            defer {
                // Leaving early (an error, a shutdown): stop the fetch in flight, drop its file,
                // and make what was committed durable before anyone acts on it.
                if let next {
                    next.task.cancel()
                    unlink(next.path)
                }
                if undurable { try? ingester.store.syncIntake(mailbox: folder, uidValidity: status.uidValidity, at: ingester.clock.now()) }
            }
            for (index, uid) in uids.enumerated() {
                try Task.checkCancellation()
                guard let current = next else { break }
                defer { unlink(current.path) }  // gone already when the message was stored
                let staged = try await withTaskCancellationHandler { try await current.task.value } onCancel: { current.task.cancel() }
                next = index + 1 < uids.count ? try startFetch(uids[index + 1]) : nil
                result.fetched += 1
                let durable = (index + 1) % groupSize == 0 || index + 1 == uids.count
                switch try ingester.ingest(staged: staged, mailbox: folder, uidValidity: status.uidValidity, durable: durable) {
                case let .recorded(rowID, decision):
                    undurable = !durable
                    result.recorded += 1
                    logger.info("message stored", metadata: [
                        "mailbox": "\(folder)", "uid": "\(uid)", "id": "\(rowID)",
                        "unit": "\(decision.unit?.code ?? "-")", "campaign": "\(decision.campaign?.id ?? "-")",
                        "status": "\(decision.assessment?.status.rawValue ?? "-")",
                    ])
                case .duplicate:
                    result.duplicates += 1
                }
                await markProcessed(uid: uid, in: folder, uidValidity: status.uidValidity)
            }
        }
        return result
    }

    /// Records per durable commit: a power failure can undo at most this many (they are
    /// fetched again), and the log is fsynced once for all of them.
    static let commitGroup = 16

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
            logger.warning("after-processing action failed; the message is recorded and stays where it is",
                           metadata: ["mailbox": "\(folder)", "uid": "\(uid)", "error": "\(error)"])
        }
    }
}
