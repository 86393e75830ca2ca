import Foundation

/// Lockout after repeated failed logins, per account and per client address: after
/// `maxFailures` failures within `window`, further attempts are refused until `window` has
/// passed since the last failure — whether or not the password would have been right, so
/// guessing cannot continue behind the lock.
struct LoginThrottle: Sendable {
    var maxFailures = 5
    var window: TimeInterval = 15 * 60
    private var failures: [String: [Date]] = [:]

    init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// When the lock on any of `keys` ends, or nil if none is locked.
    func lockedUntil(_ keys: [String], now: Date) -> Date? {
        // `failed` keeps only failures within one window of each other, so a full list is
        // a burst; the lock runs for a window from its last failure.
        keys.compactMap { key -> Date? in
            guard let recent = failures[key], recent.count >= maxFailures, let last = recent.last,
                now < last.addingTimeInterval(window)
            else { return nil }
            return last.addingTimeInterval(window)
        }.max()
    }

    mutating func failed(_ keys: [String], now: Date) {
        for key in keys {
            var recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            recent.append(now)
            failures[key] = Array(recent.suffix(maxFailures))
        }
        // Forget keys whose failures have all aged out, so the table stays small.
        failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
    }

    mutating func succeeded(_ keys: [String]) {
        for key in keys { failures[key] = nil }
    }
}
