import Foundation
import MailTransport
import Store

/// The fetching stage: the next messages of a batch of UIDs, fetched ahead of the one being
/// prepared, in turns over the fetching connections (the nth on connection n mod their
/// number), each asked for while the one before it on its connection is still arriving.
/// They still come out in UID order.
///
/// It owns the files it fetches into until `next()` hands one over; `abandon()` stops the
/// fetches in flight and removes their files.
struct FetchAhead {
    let imap: any MailboxReading
    let files: FileStore
    let folder: String
    let uidValidity: UInt32
    let uids: [UInt32]

    /// Messages fetched ahead of the one being prepared on each fetching connection, so the
    /// connections (and the server) do not wait for the parser.
    static let perConnection = 2

    /// The `UID FETCH`es each connection has on their way behind the one it reads. With one
    /// or two, the server answered each small message and then waited for the next
    /// command; Dovecot's TLS proxy then took half as much CPU again for the same bytes
    /// (mbsync with `PipelineDepth 1` shows the same). Deeper, its answers follow each other.
    static let pipelineDepth = 8

    private var ahead: [(path: String, task: Task<FetchedFile, any Error>)] = []
    private var nextIndex = 0
    private var lastOn: [Task<FetchedFile, any Error>?]

    init(imap: any MailboxReading, files: FileStore, folder: String, uidValidity: UInt32, uids: [UInt32]) {
        self.imap = imap
        self.files = files
        self.folder = folder
        self.uidValidity = uidValidity
        self.uids = uids
        lastOn = Array(repeating: nil, count: imap.fetchConnections)
    }

    /// The next message, fetched to a file the caller now owns.
    mutating func next() async throws -> OwnedFetch {
        try fill()
        let current = ahead.removeFirst()
        let fetched: FetchedFile
        do {
            fetched = try await withTaskCancellationHandler {
                try await current.task.value
            } onCancel: {
                current.task.cancel()
            }
        } catch {
            unlink(current.path)
            throw error
        }
        try fill()
        return OwnedFetch(fetched)
    }

    /// Stops the fetches in flight and removes their files (leaving early: an error, a
    /// shutdown; the next poll fetches them again).
    mutating func abandon() async {
        for fetch in ahead { fetch.task.cancel() }
        for fetch in ahead {
            _ = await fetch.task.result
            unlink(fetch.path)
        }
        ahead = []
    }

    /// Starts the fetches up to `perConnection` per connection past the next message. Each
    /// waits for the one before it on its connection, so they reach it in order and each
    /// can name the next.
    private mutating func fill() throws {
        let connections = lastOn.count
        while nextIndex < uids.count && ahead.count <= Self.perConnection * connections {
            let path = try files.temporaryPath()
            let connection = nextIndex % connections
            let (uid, previous) = (uids[nextIndex], lastOn[connection])
            let next = stride(from: nextIndex + connections, to: uids.count, by: connections).prefix(Self.pipelineDepth).map { uids[$0] }
            let (imap, folder, uidValidity) = (imap, folder, uidValidity)
            // Not fsynced on the connection's thread: the commit flushes it with the rest of its batch.
            let task = Task {
                _ = await previous?.result
                try Task.checkCancellation()
                return try await imap.fetch(
                    mailbox: folder, uidValidity: uidValidity, uid: uid, toFile: path, durable: false, next: next,
                    connection: connection)
            }
            ahead.append((path, task))
            lastOn[connection] = task
            nextIndex += 1
        }
    }
}

/// A fetched message's file and its one owner from the fetch until a prepared message
/// holds it (`release()`): if anything goes wrong in between, the file goes with the owner.
final class OwnedFetch {
    let fetched: FetchedFile
    private var released = false

    fileprivate init(_ fetched: FetchedFile) { self.fetched = fetched }

    /// The prepared message holds the file from now on (and removes it unless committed).
    func release() { released = true }

    deinit {
        if !released { unlink(fetched.path) }
    }
}
