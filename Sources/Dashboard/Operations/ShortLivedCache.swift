import Foundation
import Intake

/// Values the pages read on every request that cost a scan of the store — the review
/// count on every page's badge, a campaign's ledger under the unit table — kept for a few
/// seconds. A dashboard a few seconds behind the mailbox is still right for the officer;
/// their own decisions, though, must show at once, so every action from the dashboard
/// empties the cache (`forgetAll`). Pages that act on one message (review, unit) read
/// the store afresh.
actor ShortLivedCache<Key: Hashable & Sendable, Value: Sendable> {
    private var entries: [Key: (value: Value, at: Date)] = [:]
    private let lifetime: TimeInterval
    private let clock: any WallClock

    init(clock: any WallClock, lifetime: TimeInterval) {
        self.clock = clock
        self.lifetime = lifetime
    }

    func value(_ key: Key, _ fetch: () throws -> Value) rethrows -> Value {
        let now = clock.now()
        if let entry = entries[key], now >= entry.at, now.timeIntervalSince(entry.at) < lifetime { return entry.value }
        let fresh = try fetch()
        entries[key] = (fresh, now)
        return fresh
    }

    func forgetAll() { entries.removeAll() }
}
