import Foundation
import Store

/// The committing stage: prepared messages gather into a batch, and a batch is made
/// durable and recorded (`MessageIngester.commit`) on the commit queue while the next one
/// is prepared. One batch is in flight at a time.
///
/// It owns the prepared messages' raw files until their batch commits; `abandon()`
/// lets the batch in flight finish and removes the files of the rest.
struct BatchCommitter {
    let ingester: MessageIngester
    /// Prepared, not handed to the commit queue yet.
    private(set) var pending: [MessageIngester.Prepared] = []
    private var inFlight: (batch: [MessageIngester.Prepared], task: Task<[Int64?], any Error>)?

    init(ingester: MessageIngester) { self.ingester = ingester }

    /// A committed message and its row id (nil: a duplicate, recorded as seen).
    typealias Committed = (prepared: MessageIngester.Prepared, row: Int64?)

    /// The messages prepared and not committed yet, which the next batch's snapshot holds
    /// as if they were in the store.
    var uncommitted: [IncomingMessage] { ((inFlight?.batch ?? []) + pending).compactMap(\.record) }

    mutating func add(_ prepared: MessageIngester.Prepared) { pending.append(prepared) }

    /// Waits for the batch in flight, if any, and returns what it committed.
    mutating func collect() async throws -> [Committed] {
        guard let flight = inFlight else { return [] }
        inFlight = nil
        let rows = try await flight.task.value
        return Array(zip(flight.batch, rows))
    }

    /// Hands the pending batch to the commit queue once the previous one is committed, and
    /// returns what that one committed.
    mutating func submit() async throws -> [Committed] {
        let committed = try await collect()
        guard !pending.isEmpty else { return committed }
        let (batch, ingester) = (pending, ingester)
        pending = []
        inFlight = (batch, Task { try await Self.onCommitQueue { try ingester.commit(batch) } })
        return committed
    }

    /// Commits everything: the batch in flight, then the pending one.
    mutating func drain() async throws -> [Committed] {
        try await submit() + collect()
    }

    /// Leaving early: the batch in flight finishes (it is whole or nothing either way), and
    /// the files of what was not handed over are removed (fetched again by the next poll).
    mutating func abandon() async {
        if let flight = inFlight { _ = try? await flight.task.value }
        inFlight = nil
        ingester.store.files.discard(pending.map(\.raw))
        pending = []
    }

    /// Runs the blocking flushes and the transaction of a batch off the Swift concurrency
    /// pool, one batch at a time.
    private static let commitQueue = DispatchQueue(label: "thidua.intake-commit")

    private static func onCommitQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            commitQueue.async { continuation.resume(with: Swift.Result { try work() }) }
        }
    }
}
