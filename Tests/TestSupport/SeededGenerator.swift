import Foundation

/// A small seeded generator (SplitMix64) for tests that draw random inputs: its seed comes
/// from THIDUA_TEST_SEED when set, else at random, and `replay` says how to run the same
/// draw again. Put `replay` in every expectation's message, so a failure prints its seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public let seed: UInt64
    private var state: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// Seeded from THIDUA_TEST_SEED, or at random.
    public init() {
        self.init(seed: ProcessInfo.processInfo.environment["THIDUA_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max))
    }

    /// "seed 123, replay with THIDUA_TEST_SEED=123".
    public var replay: String { "seed \(seed), replay with THIDUA_TEST_SEED=\(seed)" }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
