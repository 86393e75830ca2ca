/// Exponential backoff with full jitter, for reconnecting to a mail server that is down.
///
/// The n-th consecutive failure waits a random time in [base·2ⁿ/2, base·2ⁿ], capped, so
/// many offices hitting one recovering server do not reconnect in lockstep, and a dead
/// server is not hammered every poll.
public struct Backoff: Sendable {
    public var base: Duration
    public var cap: Duration
    public private(set) var failures = 0

    public init(base: Duration = .seconds(5), cap: Duration = .seconds(15 * 60)) {
        self.base = base
        self.cap = cap
    }

    public mutating func reset() { failures = 0 }

    /// Records a failure and returns how long to wait before the next attempt. `random`
    /// is a number in [0, 1), injected so tests are deterministic.
    public mutating func nextDelay(random: Double) -> Duration {
        failures += 1
        let exponent = min(failures - 1, 30)
        let ceiling = min(cap, base * (1 << exponent))
        let fraction = 0.5 + 0.5 * min(max(random, 0), 1)
        return ceiling * fraction
    }
}
