import Foundation
import Intake

/// Values the pages read on every request that cost a scan of the store — the review
/// count on every page's badge, a campaign's ledger under the unit table — kept for a few
/// seconds. A dashboard a few seconds behind the mailbox is still right for the officer;
/// their own decisions, though, must show at once, so every action from the dashboard
/// empties the cache (`forgetAll`). Pages that act on one message (review, unit) read
/// the store afresh.
///
/// A value past its lifetime is still served, for as long again, while one read of the
/// store renews it in the background: with 3,000 units a ledger takes tens of
/// milliseconds to read, and every page that waited for it would be that much slower
/// every few seconds. Only a value older than that, or none, is read while the page waits.
actor ShortLivedCache<Key: Hashable & Sendable, Value: Sendable> {
    private var entries: [Key: (value: Value, at: Date)] = [:]
    private let lifetime: TimeInterval
    private let clock: any WallClock
    /// Renewals under way, one per key at most.
    private var renewals: [Key: Task<Void, Never>] = [:]
    /// Moves on at every `forgetAll`, so that a renewal that read the store before an
    /// action does not bring back what the action changed.
    private var generation = 0
    /// Renewals read the store here, on a thread of their own: not on the concurrency pool,
    /// which serves the requests.
    private let reader = DispatchQueue(label: "thidua.dashboard.cache-renewal")

    init(clock: any WallClock, lifetime: TimeInterval) {
        self.clock = clock
        self.lifetime = lifetime
    }

    func value(_ key: Key, _ fetch: @escaping @Sendable () throws -> Value) throws -> Value {
        let now = clock.now()
        if let entry = entries[key], now >= entry.at {
            let age = now.timeIntervalSince(entry.at)
            if age < lifetime { return entry.value }
            if age < 2 * lifetime {
                renew(key, fetch)
                return entry.value
            }
        }
        let fresh = try fetch()
        entries[key] = (fresh, now)
        return fresh
    }

    func forgetAll() {
        entries.removeAll()
        generation += 1
    }

    /// Waits for the renewals under way (for tests).
    func renewalsDone() async {
        while let renewal = renewals.values.first { await renewal.value }
    }

    private func renew(_ key: Key, _ fetch: @escaping @Sendable () throws -> Value) {
        guard renewals[key] == nil else { return }
        let (reader, generation, at) = (reader, generation, clock.now())
        renewals[key] = Task {
            let fresh = await withCheckedContinuation { done in reader.async { done.resume(returning: Result { try fetch() }) } }
            self.finishRenewal(key, fresh, generation: generation, at: at)
        }
    }

    /// A failed renewal keeps the old value until it is too old and a page reads the store
    /// itself, which then shows the error.
    private func finishRenewal(_ key: Key, _ fresh: Result<Value, any Error>, generation: Int, at: Date) {
        renewals[key] = nil
        guard generation == self.generation, case .success(let value) = fresh else { return }
        entries[key] = (value, at)
    }
}
